import { parseArgs } from 'node:util';
import { loadKnowledge, KnowledgeError } from './knowledge/load.ts';
import { KnowledgeSearch } from './search/index.ts';
import { entryReply, replyForOutcome } from './answers/reply.ts';
import { renderText } from './terminal/render-text.ts';
import { formatForTerminal, useColour } from './terminal/format.ts';
import type { Language } from './knowledge/schema.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, type Config } from './config.ts';
import type { Readable, Writable } from 'node:stream';
import { openStore } from './store/store.ts';
import { inputLines } from './terminal/lines.ts';
import { cliErrno, cliMaintainers, cliSyscall } from './cli-lookups.ts';

/**
 * The search CLI. External tooling depends on its output: `search --json` writes exactly one JSON
 * object per input line and nothing else on stdout. Keep the shapes stable.
 */
const USAGE = `Usage:
  npm run --silent cli -- search --json [--lang de|en]   queries on stdin, one JSON line per query
  npm run --silent cli -- list --json                    all entries
  npm run --silent cli -- feature <id or name> [--lang de|en]
  npm run --silent cli -- validate                       check every knowledge file
  npm run --silent cli -- gaps --json [--db path]        most asked questions without a confident answer
  npm run --silent cli -- maintainers <path|subsystem> [--json] [--file MAINTAINERS]   who maintains it
  npm run --silent cli -- syscall <name|number> [--arch x86_64|i386|arm64|arm|riscv64] [--json]
  npm run --silent cli -- errno <name|number> [--json]`;

/** Where the CLI reads and writes: the real process, or streams a test hands in. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  /** Where .env is read from, as for the bot (default: the process's working directory). */
  cwd?: string;
  stdin: Readable;
  /** isTTY and columns as on process.stdout: a terminal gets answers wrapped (and coloured) as in terminal mode. */
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable;
  /** The default knowledge base, already loaded: tests share one instead of validating and indexing it for every run. */
  knowledge?: () => KnowledgeSearch;
}

/** Runs one CLI command and resolves with its exit code; problems go to stderr, never as a stack trace. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const fail = (message: string): number => {
    io.stderr.write(`${message}\n`);
    return 2;
  };
  try {
    // The same settings as the bot: the environment over .env, validated by the same schema.
    const config = loadConfig(io.env, join(io.cwd ?? process.cwd(), '.env'), (warning) => io.stderr.write(`${warning}\n`));
    return await runCommand(argv, config, io, out, fail);
  } catch (error) {
    io.stderr.write(`${error instanceof KnowledgeError || error instanceof ConfigError ? error.message : `error: ${error instanceof Error ? error.message : String(error)}`}\n`);
    return 1;
  }
}

const OPTIONS = {
  json: { type: 'boolean', default: false },
  lang: { type: 'string', default: 'en' },
  dir: { type: 'string' },
  db: { type: 'string' },
  limit: { type: 'string', default: '50' },
  arch: { type: 'string' },
  file: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

async function runCommand(argv: string[], config: Config, io: CliIo, out: (text: string) => void, fail: (message: string) => number): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    // An unknown option or one without its value is a usage mistake, like an unknown command.
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS_')) return fail(`${(error as Error).message}\n${USAGE}`);
    throw error;
  }
  const { positionals, values } = parsed;
  if (values.help || positionals[0] === 'help') {
    out(USAGE);
    return 0;
  }
  const [command, ...rest] = positionals;
  const lang: Language = values.lang === 'de' ? 'de' : 'en';
  if (values.lang !== 'de' && values.lang !== 'en') return fail(`--lang must be de or en, not "${values.lang}"`);
  const dir = values.dir ?? config.KNOWLEDGE_DIR;
  // `validate` always reads the files; the others may use a knowledge base the caller already loaded.
  const preloaded = dir === undefined ? io.knowledge : undefined;
  const knowledge = (): KnowledgeSearch => preloaded?.() ?? new KnowledgeSearch(loadKnowledge(dir));

  switch (command) {
    case 'validate': {
      const entries = loadKnowledge(dir);
      out(`ok: ${entries.length} entries valid`);
      return 0;
    }
    case 'list': {
      const entries = preloaded?.().entries ?? loadKnowledge(dir);
      const rows = entries.map((e) => ({ id: e.id, title: e.title[lang], aliases: [...e.aliases.en, ...e.aliases.de], area: e.area, status: e.status, version: e.version }));
      if (values.json) out(JSON.stringify(rows));
      else for (const row of rows) out(`${row.id}\t${row.version ?? '-'}\t${row.status}\t${row.title}`);
      return 0;
    }
    case 'feature': {
      const search = knowledge();
      const name = rest.join(' ').trim();
      if (!name) return fail('feature needs an id or a name, e.g. feature kdbus');
      const entry = search.resolve(name);
      out(forReader(renderText(entry ? entryReply(entry, search, lang) : replyForOutcome(search.search(name), search, lang)), io));
      return entry ? 0 : 1;
    }
    case 'search': {
      const search = knowledge();
      for await (const line of inputLines(io.stdin)) {
        const outcome = search.search(line);
        const results = outcome.hits.slice(0, 5).map((h) => ({
          id: h.entry.id,
          title: h.entry.title[lang],
          score: Number.isFinite(h.score) ? Math.round(h.score * 1000) / 1000 : 1e9,
          version: h.entry.version,
          probability: Math.round(h.probability * 1000) / 1000,
        }));
        const record = { query: line, answered: outcome.answered, confidence: outcome.confidence, results };
        io.stdout.write(values.json ? `${JSON.stringify(record)}\n` : `${line}\t${outcome.answered ? results.map((r) => r.id).join(', ') : '(not answered)'}\n`);
      }
      return 0;
    }
    case 'gaps': {
      const path = values.db ?? config.DATABASE_PATH;
      // --db names a SQLite file; without it, DATABASE_URL (Postgres) wins as in the bot.
      const url = values.db ? undefined : config.DATABASE_URL;
      if (!url && !existsSync(path)) return fail(`no database at ${path} (set DATABASE_PATH, DATABASE_URL or --db)`);
      const store = await openStore({ DATABASE_URL: url, DATABASE_PATH: path }, { poolSize: 1 });
      const gaps = await store.qa.gaps(Math.max(1, Number(values.limit) || 50));
      const hits = await store.qa.hits(Math.max(1, Number(values.limit) || 50));
      await store.close();
      if (values.json) {
        out(JSON.stringify({ gaps: gaps.map((g) => ({ question: g.question, asked: g.asked, unhelpful: g.unhelpful, lastAt: g.lastAt.toISOString() })), hits }));
      } else {
        for (const g of gaps) out(`${g.asked + g.unhelpful}\t${g.question}`);
      }
      return 0;
    }
    case 'maintainers':
    case 'syscall':
    case 'errno': {
      const query = rest.join(' ').trim();
      if (!query) return fail(`${command} needs an argument, e.g. ${command === 'maintainers' ? 'maintainers fs/btrfs/inode.c' : command === 'syscall' ? 'syscall openat' : 'errno EBUSY'}`);
      const options = { json: values.json, lang, arch: values.arch, file: values.file, maintainersUrl: config.MAINTAINERS_URL };
      const [output, code] = command === 'maintainers' ? await cliMaintainers(query, options) : command === 'syscall' ? cliSyscall(query, options) : cliErrno(query, options);
      // JSON answers (found or not) go to stdout; a usage mistake (exit 2) is never mistaken for one.
      (code === 0 || (values.json && code === 1) ? io.stdout : io.stderr).write(`${values.json ? output : forReader(output, io)}\n`);
      return code;
    }
    default:
      return fail(command ? `unknown command "${command}"\n${USAGE}` : USAGE);
  }
}

/** Text for a person at a terminal is wrapped and coloured like terminal mode; piped output stays exactly as rendered. */
function forReader(text: string, io: CliIo): string {
  return io.stdout.isTTY ? formatForTerminal(text, { colour: useColour(io.stdout, io.env), columns: io.stdout.columns }) : text;
}

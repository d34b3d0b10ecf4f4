import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript } from './support/run.ts';
import { MAX_USER_TEXT } from '../src/answers/limits.ts';
import { cliInProcess } from './support/in-process.ts';
import { smallKnowledgeDir } from './support/knowledge.ts';

/**
 * The search CLI is an interface external tools depend on: exact shapes, nothing else on stdout.
 * The JSON contract runs as a real process (npm run cli's own command line); the rest runs in process.
 */
describe('search CLI', () => {
  it('writes exactly one JSON object per query line', async () => {
    const queries = ['kdbus', 'Was ist Live-Patching?', 'how do I install Steam', '', "what's new in 4.0?"];
    // The entries the queries are about (the JSON shape is under test here; answers over the whole base are tested in process).
    const env = { KNOWLEDGE_DIR: smallKnowledgeDir('kdbus', 'kernel-live-patching', 'linux-4-0', 'linux-3-19', 'btrfs') };
    const { code, stdout, stderr } = await runScript('src/cli.ts', ['search', '--json', '--lang', 'de'], { input: `${queries.join('\n')}\n`, timeoutMs: 80_000, env });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(queries.length);
    const records = lines.map((line) => JSON.parse(line) as { query: string; answered: boolean; confidence: string; results: { id: string; title: string; score: number; version: string | null }[] });
    records.forEach((record, i) => {
      expect(Object.keys(record)).toEqual(['query', 'answered', 'confidence', 'results']);
      expect(record.answered).toBe(record.confidence === 'answer');
      expect(record.query).toBe(queries[i]);
      expect(record.results.length).toBeLessThanOrEqual(5);
      for (const result of record.results) {
        expect(Object.keys(result)).toEqual(['id', 'title', 'score', 'version', 'probability']);
        expect(typeof result.score).toBe('number');
      }
    });
    expect(records[0]).toMatchObject({ answered: true });
    expect(records[0]?.results[0]?.id).toBe('kdbus');
    expect(records[1]?.results[0]?.id).toBe('kernel-live-patching');
    expect(records[1]?.results[0]?.title).toMatch(/Live-Patching/); // --lang de titles
    expect(records[2]).toEqual({ query: 'how do I install Steam', answered: false, confidence: 'none', results: [] });
    expect(records[4]?.results[0]).toMatchObject({ id: 'linux-4-0', version: '4.0' });
  }, 90_000); // a real process: start-up on a loaded machine

  it('answers a line once whatever its carriage returns, and caps very long lines before searching', async () => {
    const long = `kdbus ${'x'.repeat(100_000)}`;
    const input = `what is kdbus?\r\nwhat is\rf2fs?\n${long}\nkdbus`;
    const { code, stdout } = await cliInProcess(['search', '--json'], { input });
    expect(code).toBe(0);
    const records = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { query: string; answered: boolean });
    expect(records.map((r) => r.query.slice(0, 20))).toEqual(['what is kdbus?', 'what is f2fs?', 'kdbus xxxxxxxxxxxxxx', 'kdbus']);
    expect(records[2]!.query).toHaveLength(MAX_USER_TEXT); // what the search saw
    expect(records[3]).toMatchObject({ answered: true });
  }, 120_000); // a 4,000-character word is the search's worst case; slow on a loaded machine

  it('lists every entry as JSON', async () => {
    const { stdout } = await cliInProcess(['list', '--json']);
    const entries = JSON.parse(stdout) as { id: string; title: string; aliases: string[]; area: string; status: string; version: string | null }[];
    expect(entries.length).toBeGreaterThanOrEqual(80);
    expect(entries.find((e) => e.id === 'kdbus')).toMatchObject({ area: 'ipc', status: 'not-merged', version: null });
  });

  it('prints one rendered entry, and fails clearly for an unknown one', async () => {
    const found = await cliInProcess(['feature', 'live', 'patching']);
    expect(found.code).toBe(0);
    expect(found.stdout).toMatch(/== Kernel live patching/i);
    const missing = await cliInProcess(['feature', 'pizza', 'recipes']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/Not in my knowledge base/);
  });
});

describe('CLI configuration', () => {
  it("reads .env with the bot's loader: a database path from it, and a bad setting refused with the bot's message", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kernelbot-cli-env-'));
    const fromDotenv = join(dir, 'from-dotenv.db');
    writeFileSync(join(dir, '.env'), `DATABASE_PATH=${fromDotenv}\n`);
    const gaps = await cliInProcess(['gaps', '--json'], { cwd: dir, env: { DATABASE_PATH: undefined } });
    expect(gaps.stderr).toContain(`no database at ${fromDotenv}`);
    expect(gaps.code).toBe(2);

    writeFileSync(join(dir, '.env'), 'FEED_SCHEDULE=every hour\n');
    const bad = await cliInProcess(['validate'], { cwd: dir });
    expect(bad.stderr).toMatch(/^Configuration problem\(s\):\n {2}- FEED_SCHEDULE is not a valid cron expression/);
    expect(bad.code).toBe(1);
  });
});

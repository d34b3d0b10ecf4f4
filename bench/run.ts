/**
 * kernelbot benchmark: `npm run bench` (table) or `npm run --silent bench -- --json` (JSON only on stdout;
 * progress goes to stderr). The default is the quick run (the real base; fan-out to 250 channels; under a
 * minute on an idle machine); --full adds the 10,000- and 100,000-entry indexes, the start-up breakdown,
 * the discord.js + node-cron floor and the fan-out to 1,000 channels at Discord's rate limit (twice 20 s):
 * about 6–7 minutes.
 *
 * Options: --full, --enforce (exit 1 when a target is missed), --only=search,cold-start,discord,fanout,fanout-processes,
 * --sizes=real,10000,100000, --channels=1000 (fan-out), --batch=posts-answerable-7,natural-questions-4 (real-use figures of
 * those tests/data files alone). --quick is accepted and is the default.
 * Every section is an async function returning rows; add one by writing it under bench/sections/
 * and listing it in SECTIONS below.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { coldStartSection } from './sections/cold-start.ts';
import { searchSection } from './sections/search.ts';
import { discordSection } from './sections/discord.ts';
import { fanoutSection } from './sections/fanout.ts';
import { fanoutProcessesSection } from './sections/fanout-processes.ts';
import { realUseSection } from './sections/real-use.ts';
import { kernelSection } from './sections/kernel.ts';
import { check, type BenchContext, type Section, type SectionResult } from './types.ts';
import { renderTable } from './table.ts';
import { useTempRoot } from './temp-root.ts';
import { OFFLINE_KERNEL_ORG } from '../tests/support/offline.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

const json = flag('json');
// The quick run is the default (under a minute on an idle machine); --full measures at every size and adds the info rows.
const quick = !flag('full');
/** Exit 1 when a target is missed only when asked (CI gates); a crashed section always fails. */
const enforce = flag('enforce');
const only = option('only')?.split(',');

const SECTIONS: Section[] = [
  searchSection(option('sizes')),
  realUseSection(option('batch')?.split(',')),
  kernelSection(),
  coldStartSection(quick ? 3 : 5, quick ? 0 : 2, quick ? 0 : 3),
  discordSection({ floor: !quick }),
  fanoutSection(option('channels') ? Number(option('channels')) : undefined),
  fanoutProcessesSection(option('channels') ? Number(option('channels')) : undefined),
];

async function main(): Promise<void> {
  const started = performance.now();
  useTempRoot();
  // Like the tests: every bot the bench starts reaches kernel.org only where a section serves it on loopback.
  Object.assign(process.env, OFFLINE_KERNEL_ORG);
  const ctx: BenchContext = {
    quick,
    log: (message) => process.stderr.write(`  · ${message}\n`),
  };
  const results: SectionResult[] = [];
  const failures: { section: string; error: string }[] = [];
  for (const section of SECTIONS) {
    if (only && !only.includes(section.id)) continue;
    ctx.log(`section ${section.id}: ${section.title}`);
    try {
      for (const row of await section.run(ctx)) results.push({ section: section.id, ...row, pass: check(row) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push({ section: section.id, error: message });
      ctx.log(`section ${section.id} failed: ${message}`);
    }
  }
  const environment = {
    node: process.version,
    cpu: `${cpus()[0]?.model ?? 'unknown'} ×${cpus().length}`,
    loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
    commit: gitCommit(),
    date: new Date().toISOString(),
    runtimeSeconds: Number(((performance.now() - started) / 1000).toFixed(1)),
  };
  const missed = results.filter((r) => r.pass === false);

  if (json) {
    process.stdout.write(`${JSON.stringify({ environment, results, failures, targetsMissed: missed.length }, null, 2)}\n`);
  } else {
    console.log(`\nkernelbot bench · node ${environment.node} · ${environment.cpu} · load ${environment.loadAverage.join(' ')} · ${environment.commit} · ${environment.runtimeSeconds} s\n`);
    console.log(renderTable(results));
    for (const f of failures) console.log(`\n✗ section ${f.section} failed: ${f.error}`);
    const checked = results.filter((r) => r.pass !== null).length;
    console.log(`\nTargets: ${checked - missed.length}/${checked} met${missed.length ? ` – missed: ${missed.map((r) => `${r.metric} @ ${r.scope}`).join(', ')}` : ''}`);
  }
  if (failures.length > 0 || (enforce && missed.length > 0)) process.exitCode = 1;
}

function gitCommit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'commands'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${sha} (+uncommitted src changes)` : sha;
  } catch {
    return 'unknown commit';
  }
}

await main();

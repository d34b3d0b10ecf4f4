/**
 * Start-up probe: the steps of src/main.ts in terminal mode, each timed, printed as one JSON line.
 * Timestamps are epoch milliseconds (timeOrigin + now), so the parent can set them against spawn time.
 * Keep it in step with src/main.ts.
 */
const at = () => performance.timeOrigin + performance.now();
const marks: Record<string, number> = { programStart: at() };
const { loadConfig } = await import('../../src/config.ts');
const { loadKnowledge } = await import('../../src/knowledge/load.ts');
const { KnowledgeSearch } = await import('../../src/search/index.ts');
const { COMMANDS } = await import('../../commands/registry.ts');
const { BOT_VERSION } = await import('../../src/version.ts');
const { answerLine } = await import('../../src/terminal/session.ts');
marks.imported = at();
const config = loadConfig();
const entries = loadKnowledge(config.KNOWLEDGE_DIR);
marks.loaded = at();
const search = new KnowledgeSearch(entries);
marks.built = at();
await answerLine('/feature kdbus', { lang: 'en' }, { search, commands: COMMANDS, botVersion: BOT_VERSION, now: () => new Date() });
marks.answered = at();
process.stdout.write(`${JSON.stringify(marks)}\n`);

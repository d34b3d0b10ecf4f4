import { prepareStartScript } from './start-script.ts';

/**
 * Vitest global setup: brings build/ up to date the way `npm start` does (it rebuilds only when a
 * source changed), once for the run. The multi-process tests then start the bot as production does,
 * `node <flags> build/main.js`, which starts in about a second instead of compiling TypeScript.
 */
export default function setup(): void {
  prepareStartScript();
}

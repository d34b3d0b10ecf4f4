import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string; homepage?: string };

export const BOT_VERSION: string = pkg.version;
export const USER_AGENT = `kernelbot/${pkg.version} (+https://github.com/kernelbot/kernelbot)`;

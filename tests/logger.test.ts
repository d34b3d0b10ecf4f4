import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  return { logger, lines };
}

describe('logger', () => {
  it('cuts interaction and webhook tokens out of URLs, in errors and in messages', () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error('Unknown interaction'), { url: 'https://discord.com/api/v10/interactions/1234/aW50ZXJhY3Rpb246c2VjcmV0/callback' });
    logger.error({ err: error }, 'posting to https://discord.com/api/v10/webhooks/99/c2VjcmV0LXdlYmhvb2s/messages/@original failed');
    const text = JSON.stringify(lines);
    expect(text).not.toContain('aW50ZXJhY3Rpb246c2VjcmV0');
    expect(text).not.toContain('c2VjcmV0LXdlYmhvb2s');
    expect((lines[0]!.err as { url: string }).url).toBe('https://discord.com/api/v10/interactions/1234/[redacted]/callback');
    expect(lines[0]!.msg).toBe('posting to https://discord.com/api/v10/webhooks/99/[redacted]/messages/@original failed');
  });

  it('keeps a "__proto__" key of a logged error as data, never as a prototype', () => {
    const { logger, lines } = capture();
    const payload = JSON.parse('{"__proto__": {"polluted": "yes"}, "url": "https://discord.com/api/v10/interactions/1/dG9rZW4tdG9rZW4/callback"}') as object;
    logger.error({ err: Object.assign(new Error('bad payload'), { body: payload }) }, 'odd error');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(lines[0])).not.toContain('dG9rZW4tdG9rZW4');
  });
});

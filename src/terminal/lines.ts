import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { capUserText, MAX_USER_TEXT } from '../answers/limits.ts';

/**
 * The lines of piped input, split at "\n" only: a "\r\n" line end or a stray "\r" never makes a
 * second line (readline would). Each line is capped to MAX_USER_TEXT; the rest of a huge line is
 * skipped as it streams in, so memory stays small.
 */
export async function* inputLines(input: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let line = '';
  let skipping = false;
  const take = (text: string) => {
    if (skipping) return;
    line += text;
    if (line.length > MAX_USER_TEXT) {
      line = capUserText(line);
      skipping = true;
    }
  };
  const finish = () => {
    const done = line.replace(/\r$/, '').replace(/\r/g, ' ');
    line = '';
    skipping = false;
    return done;
  };
  for await (const chunk of input) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n')) {
      take(text.slice(0, end));
      yield finish();
      text = text.slice(end + 1);
    }
    take(text);
  }
  take(decoder.end());
  if (line) yield finish();
}

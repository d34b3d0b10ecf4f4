/**
 * Terminal output: wrapped at the terminal's width on word boundaries, coloured only on a TTY
 * without NO_COLOR (https://no-color.org: set and not empty turns colour off).
 */

const FALLBACK_COLUMNS = 80;

/** Colour when the output is a terminal and the user did not ask for none. */
export function useColour(output: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return output.isTTY === true && !env.NO_COLOR;
}

// eslint-disable-next-line no-control-regex -- the escape character is what a colour code starts with
const ANSI = /\x1b\[[0-9;]*m/g;

/** Length as the terminal shows it: colour codes take no room, an emoji or CJK sign one code point. */
export function visibleLength(text: string): number {
  return Array.from(text.replace(ANSI, '')).length;
}

/**
 * Wraps every line at `width` columns. Words are never split (a URL or a long path longer than the
 * line stays whole on a line of its own); a continued line keeps the indentation of its first line,
 * after a bullet ("  • ", "  - ") it lines up with the text.
 */
export function wrapText(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => wrapLine(line, Math.max(20, width)))
    .join('\n');
}

function wrapLine(line: string, width: number): string {
  if (visibleLength(line) <= width) return line;
  const lead = /^(\s*(?:[•\-*]\s+)?)/.exec(line.replace(ANSI, ''))![1]!;
  const hang = ' '.repeat(visibleLength(lead));
  const words = line.trimStart().split(/ +/);
  const indent = line.slice(0, line.length - line.trimStart().length);
  const lines: string[] = [];
  let current = indent;
  let length = visibleLength(indent);
  let empty = true;
  for (const word of words) {
    const size = visibleLength(word);
    if (!empty && length + 1 + size > width) {
      lines.push(current);
      current = hang + word;
      length = hang.length + size;
      continue;
    }
    current += empty ? word : ` ${word}`;
    length += empty ? size : 1 + size;
    empty = false;
  }
  lines.push(current);
  return lines.join('\n');
}

const STYLE = { bold: [1, 22], dim: [2, 22], cyan: [36, 39], yellow: [33, 39] } as const;
const paint = (style: keyof typeof STYLE, text: string) => `\x1b[${STYLE[style][0]}m${text}\x1b[${STYLE[style][1]}m`;

/**
 * Colours the text renderer's conventions: "== Title ==" headings, "Label:" at the start of a line,
 * URLs. Applied to whole logical lines before wrapping, so a label is never guessed in a continuation.
 */
function colourise(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const heading = /^== (.*) ==$/.exec(line);
      if (heading) return paint('bold', paint('cyan', line));
      const label = /^(\s*)([^\s:•][^:]{0,38}:)(\s|$)/.exec(line);
      const styled = label && !/^https?:/.test(label[2]!) ? `${label[1]}${paint('bold', label[2]!)}${line.slice(label[1]!.length + label[2]!.length)}` : line;
      return styled.replace(/https?:\/\/\S+/g, (url) => paint('dim', url));
    })
    .join('\n');
}

// eslint-disable-next-line no-control-regex -- the C0 and C1 control characters, but line feed and tab
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/**
 * How replies reach the terminal: coloured (maybe) and wrapped at the width of the moment. Control
 * characters are dropped first: a reply echoes the question, and an escape sequence in a piped line
 * (or in a fetched feed) would otherwise recolour, move or retitle the user's terminal.
 */
export function formatForTerminal(text: string, options: { colour: boolean; columns: number | undefined }): string {
  const width = options.columns && options.columns > 0 ? options.columns : FALLBACK_COLUMNS;
  const plain = text.replace(CONTROLS, '');
  return wrapText(options.colour ? colourise(plain) : plain, width);
}

/** Warnings (unknown command, failed fetch) stand out in yellow on a colour terminal. */
export function warn(text: string, colour: boolean): string {
  return colour ? paint('yellow', text) : text;
}

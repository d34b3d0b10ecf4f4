/**
 * Generates src/kernel/errno/table.json from a Linux kernel tree:
 *
 *   node --import tsx scripts/gen-errno.ts <kernel-tree> [--note "Linux 6.14"] [--out path]
 *
 * Reads include/uapi/asm-generic/errno-base.h and errno.h (the numbers x86, arm, arm64 and riscv use;
 * alpha, mips, parisc and sparc have their own) and include/linux/errno.h (kernel-internal codes such
 * as EPROBE_DEFER that user space never sees). The English meaning is the header's own comment; the
 * German one lives in src/kernel/errno/german.ts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export interface ErrnoRow {
  name: string;
  nr: number;
  /** The header's comment ("Device or resource busy"); null where it has none. */
  comment: string | null;
  /** Defined only in include/linux/errno.h: never returned to user space. */
  kernelOnly: boolean;
}

export interface ErrnoTable {
  note: string;
  generatedBy: string;
  errnos: ErrnoRow[];
  /** EWOULDBLOCK → EAGAIN, EDEADLOCK → EDEADLK. */
  aliases: Record<string, string>;
}

/** `#define NAME number /* comment *\/` and `#define NAME OTHER` lines of an errno header. */
export function parseErrnoHeader(text: string, kernelOnly: boolean): { rows: ErrnoRow[]; aliases: Record<string, string> } {
  const rows: ErrnoRow[] = [];
  const aliases: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^#define\s+(E[A-Z0-9_]+)\s+(\d+|E[A-Z0-9_]+)\s*(?:\/\*\s*(.*?)\s*\*\/)?\s*$/.exec(line.trim());
    if (!m) continue;
    const [, name, value, comment] = m as unknown as [string, string, string, string | undefined];
    if (/^\d+$/.test(value)) rows.push({ name, nr: Number(value), comment: comment ? comment.replace(/\.+$/, '') : null, kernelOnly });
    else aliases[name] = value;
  }
  return { rows, aliases };
}

export function generate(tree: string, note: string): ErrnoTable {
  const parts = [
    ['include/uapi/asm-generic/errno-base.h', false],
    ['include/uapi/asm-generic/errno.h', false],
    ['include/linux/errno.h', true],
  ] as const;
  const errnos: ErrnoRow[] = [];
  const aliases: Record<string, string> = {};
  for (const [file, kernelOnly] of parts) {
    const path = join(tree, file);
    if (!existsSync(path)) {
      if (kernelOnly) continue;
      throw new Error(`${path} is missing; is ${tree} a kernel tree?`);
    }
    const parsed = parseErrnoHeader(readFileSync(path, 'utf8'), kernelOnly);
    errnos.push(...parsed.rows);
    Object.assign(aliases, parsed.aliases);
  }
  if (errnos.length < 100) throw new Error(`only ${errnos.length} errno values parsed from ${tree}`);
  return { note, generatedBy: 'scripts/gen-errno.ts', errnos: errnos.sort((a, b) => a.nr - b.nr), aliases };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { note: { type: 'string' }, out: { type: 'string', default: 'src/kernel/errno/table.json' } } });
  const tree = positionals[0];
  if (!tree) {
    console.error('usage: node --import tsx scripts/gen-errno.ts <kernel-tree> [--note "Linux 6.14"] [--out path]');
    process.exit(2);
  }
  const table = generate(tree, values.note ?? `kernel tree ${tree}`);
  writeFileSync(values.out, `${JSON.stringify(table, null, 1)}\n`);
  console.error(`${table.errnos.length} errno values, ${Object.keys(table.aliases).length} aliases → ${values.out}`);
}

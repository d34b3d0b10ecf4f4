/**
 * Generates src/kernel/syscalls/table.json from a Linux kernel tree:
 *
 *   node --import tsx scripts/gen-syscalls.ts <kernel-tree> [--note "Linux 6.14"] [--out path]
 *
 * Reads the kernel's own syscall tables (what its build turns into unistd_*.h) and the prototypes in
 * include/linux/syscalls.h for the arguments:
 *   x86_64   arch/x86/entry/syscalls/syscall_64.tbl   ABIs common, 64 (x32 is left out)
 *   i386     arch/x86/entry/syscalls/syscall_32.tbl   ABI i386
 *   arm      arch/arm/tools/syscall.tbl               ABIs common, eabi (EABI numbering)
 *   arm64    scripts/syscall.tbl (Linux ≥ 6.11)        common, 64 + renameat newstat rlimit memfd_secret
 *   riscv64  scripts/syscall.tbl                       common, 64 + riscv newstat rlimit memfd_secret
 * Older trees have no scripts/syscall.tbl; then include/uapi/asm-generic/unistd.h is read instead,
 * with the same per-architecture switches (__ARCH_WANT_*).
 * Entries without an entry point, or pointing at sys_ni_syscall, are kept and marked unimplemented.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export interface SyscallRow {
  nr: number;
  name: string;
  /** Kernel entry point (sys_openat), null when the number is reserved or unimplemented. */
  entry: string | null;
}

export interface SyscallTable {
  note: string;
  generatedBy: string;
  arches: Record<string, SyscallRow[]>;
  /** Arguments by entry point, from include/linux/syscalls.h (without __user). */
  prototypes: Record<string, string[]>;
  /** Entry points declared more than once (per-architecture variants, e.g. sys_clone). */
  variants: string[];
}

interface TblArch {
  file: string;
  abis: string[];
}

const TBL_ARCHES: Record<string, TblArch> = {
  x86_64: { file: 'arch/x86/entry/syscalls/syscall_64.tbl', abis: ['common', '64'] },
  i386: { file: 'arch/x86/entry/syscalls/syscall_32.tbl', abis: ['i386'] },
  arm: { file: 'arch/arm/tools/syscall.tbl', abis: ['common', 'eabi'] },
};

const GENERIC_ARCHES: Record<string, { abis: string[]; wants: string[] }> = {
  arm64: {
    abis: ['common', '64', 'renameat', 'newstat', 'rlimit', 'memfd_secret'],
    wants: ['__ARCH_WANT_RENAMEAT', '__ARCH_WANT_NEW_STAT', '__ARCH_WANT_SET_GET_RLIMIT', '__ARCH_WANT_SYS_CLONE3', '__ARCH_WANT_MEMFD_SECRET'],
  },
  riscv64: {
    abis: ['common', '64', 'riscv', 'newstat', 'rlimit', 'memfd_secret'],
    wants: ['__ARCH_WANT_NEW_STAT', '__ARCH_WANT_SET_GET_RLIMIT', '__ARCH_WANT_SYS_CLONE3', '__ARCH_WANT_MEMFD_SECRET'],
  },
};

/** A .tbl file: `<nr> <abi> <name> [<entry> [<compat entry> [noreturn]]]`, # comments, any whitespace. */
export function parseTbl(text: string, abis: readonly string[]): SyscallRow[] {
  const rows: SyscallRow[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [nr, abi, name, entry] = line.split(/\s+/);
    if (!nr || !abi || !name || !/^\d+$/.test(nr) || !abis.includes(abi)) continue;
    rows.push({ nr: Number(nr), name, entry: entry && entry !== '-' && entry !== 'sys_ni_syscall' ? entry : null });
  }
  return rows.sort((a, b) => a.nr - b.nr);
}

/**
 * include/uapi/asm-generic/unistd.h (before Linux 6.11): `#define __NR_x n` / `__NR3264_x n` and
 * `__SYSCALL(__NR_x, sys_y)`, `__SC_COMP(…)`, `__SC_3264(…)`, `__SC_COMP_3264(…)` under #if blocks
 * on __ARCH_WANT_* and __BITS_PER_LONG, evaluated for a 64-bit architecture with the given switches.
 */
export function parseGenericUnistd(text: string, wants: readonly string[]): SyscallRow[] {
  const defined = new Set([...wants, '__SYSCALL_COMPAT_NOT']);
  const numbers = new Map<string, number>();
  const rows: SyscallRow[] = [];
  const stack: { active: boolean; taken: boolean }[] = [];
  const active = () => stack.every((s) => s.active);
  const evaluate = (condition: string): boolean => {
    const expr = condition
      .replace(/defined\s*\(\s*(\w+)\s*\)/g, (_, name: string) => (defined.has(name) ? '1' : '0'))
      .replace(/__BITS_PER_LONG\s*==\s*64/g, '1')
      .replace(/__BITS_PER_LONG\s*==\s*32/g, '0')
      .replace(/__BITS_PER_LONG\s*!=\s*32/g, '1')
      .replace(/__BITS_PER_LONG\s*!=\s*64/g, '0')
      .replace(/\b[A-Za-z_]\w*\b/g, (name) => (defined.has(name) ? '1' : '0'));
    if (!/^[\d\s()|&!]+$/.test(expr)) return false;
    // The expression is checked above to hold only digits, parentheses and logic operators.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call
    return Boolean(Function(`"use strict"; return (${expr});`)());
  };
  for (const raw of text.replace(/\\\n/g, ' ').split('\n')) {
    const line = raw.replace(/\/\*.*?\*\//g, '').trim();
    let m: RegExpExecArray | null;
    if ((m = /^#\s*ifdef\s+(\w+)/.exec(line))) stack.push({ active: defined.has(m[1]!), taken: defined.has(m[1]!) });
    else if ((m = /^#\s*ifndef\s+(\w+)/.exec(line))) stack.push({ active: !defined.has(m[1]!), taken: !defined.has(m[1]!) });
    else if ((m = /^#\s*if\s+(.*)/.exec(line))) {
      const value = evaluate(m[1]!);
      stack.push({ active: value, taken: value });
    } else if ((m = /^#\s*elif\s+(.*)/.exec(line))) {
      const top = stack.at(-1);
      if (top) {
        const value = !top.taken && evaluate(m[1]!);
        top.active = value;
        top.taken ||= value;
      }
    } else if (/^#\s*else/.test(line)) {
      const top = stack.at(-1);
      if (top) {
        top.active = !top.taken;
        top.taken = true;
      }
    } else if (/^#\s*endif/.test(line)) stack.pop();
    else if (!active()) continue;
    else if ((m = /^#\s*define\s+(__NR(?:3264)?_\w+)\s+(\d+|\(__NR\w+\s*\+\s*\d+\))/.exec(line))) {
      const value = /^\d+$/.test(m[2]!) ? Number(m[2]) : NaN;
      if (Number.isFinite(value)) numbers.set(m[1]!, value);
    } else if ((m = /^#\s*define\s+(\w+)\s*$/.exec(line))) defined.add(m[1]!);
    else if ((m = /^__(SYSCALL|SC_COMP|SC_3264|SC_COMP_3264)\s*\(\s*(__NR(?:3264)?_(\w+))\s*,\s*(\w+)(?:\s*,\s*(\w+))?/.exec(line))) {
      const [, kind, macro, suffix, first, second] = m as unknown as [string, string, string, string, string, string | undefined];
      const nr = numbers.get(macro);
      if (nr === undefined) continue;
      // __SC_3264(nr, sys_32, sys_64): a 64-bit architecture uses the second.
      const entry = kind === 'SC_3264' || kind === 'SC_COMP_3264' ? (second ?? first) : first;
      const name = macro.startsWith('__NR3264_') ? name3264(suffix) : suffix;
      rows.push({ nr, name, entry: entry === 'sys_ni_syscall' ? null : entry });
    }
  }
  return rows.sort((a, b) => a.nr - b.nr);
}

/** The user-visible 64-bit name of a __NR3264_ number (unistd.h's own #define __NR_x __NR3264_x). */
function name3264(suffix: string): string {
  return (
    (
      {
        fstatat: 'newfstatat',
        fstat: 'fstat',
        lseek: 'lseek',
        fadvise64: 'fadvise64',
        mmap: 'mmap',
        fcntl: 'fcntl',
        statfs: 'statfs',
        fstatfs: 'fstatfs',
        truncate: 'truncate',
        ftruncate: 'ftruncate',
        sendfile: 'sendfile',
      } as Record<string, string>
    )[suffix] ?? suffix
  );
}

/** `asmlinkage long sys_x(type a, type b);` possibly over several lines; #-lines ignored. */
export function parsePrototypes(text: string): { prototypes: Record<string, string[]>; variants: string[] } {
  const flat = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .join(' ')
    .replace(/\/\*.*?\*\//g, ' ');
  const prototypes: Record<string, string[]> = {};
  const seen = new Map<string, number>();
  const re = /asmlinkage\s+long\s+(sys_\w+)\s*\(([^;]*?)\)\s*;/g;
  for (let m = re.exec(flat); m; m = re.exec(flat)) {
    const name = m[1]!;
    const args = m[2]!.trim() === 'void' ? [] : m[2]!.split(',').map(cleanArgument);
    seen.set(name, (seen.get(name) ?? 0) + 1);
    prototypes[name] = args;
  }
  return {
    prototypes,
    variants: [...seen]
      .filter(([, count]) => count > 1)
      .map(([name]) => name)
      .sort(),
  };
}

function cleanArgument(arg: string): string {
  return arg
    .replace(/\b__user\b/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*\*\s*/g, ' *')
    .replace(/\* \*/g, '**')
    .trim();
}

export function generate(tree: string, note: string): SyscallTable {
  const read = (file: string) => readFileSync(join(tree, file), 'utf8');
  const arches: Record<string, SyscallRow[]> = {};
  for (const [arch, { file, abis }] of Object.entries(TBL_ARCHES)) arches[arch] = parseTbl(read(file), abis);
  const genericTbl = existsSync(join(tree, 'scripts/syscall.tbl'));
  for (const [arch, { abis, wants }] of Object.entries(GENERIC_ARCHES)) {
    arches[arch] = genericTbl ? parseTbl(read('scripts/syscall.tbl'), abis) : parseGenericUnistd(read('include/uapi/asm-generic/unistd.h'), wants);
  }
  const { prototypes, variants } = parsePrototypes(read('include/linux/syscalls.h'));
  const used = new Set(Object.values(arches).flatMap((rows) => rows.map((r) => r.entry)));
  const kept = Object.fromEntries(Object.entries(prototypes).filter(([name]) => used.has(name)));
  for (const [arch, rows] of Object.entries(arches)) if (rows.length < 200) throw new Error(`${arch}: only ${rows.length} syscalls parsed; is ${tree} a kernel tree?`);
  return { note, generatedBy: 'scripts/gen-syscalls.ts', arches, prototypes: kept, variants: variants.filter((v) => used.has(v)) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { note: { type: 'string' }, out: { type: 'string', default: 'src/kernel/syscalls/table.json' } } });
  const tree = positionals[0];
  if (!tree) {
    console.error('usage: node --import tsx scripts/gen-syscalls.ts <kernel-tree> [--note "Linux 6.14"] [--out path]');
    process.exit(2);
  }
  const table = generate(tree, values.note ?? `kernel tree ${tree}`);
  writeFileSync(values.out, `${JSON.stringify(table)}\n`);
  console.error(
    Object.entries(table.arches)
      .map(([arch, rows]) => `${arch}: ${rows.length}`)
      .join(', '),
    `→ ${values.out}`,
  );
}

import { describe, expect, it } from 'vitest';
import { lookupSyscall, suggestSyscalls, ARCHES } from '../../src/kernel/syscalls/index.ts';
import { parseGenericUnistd, parsePrototypes, parseTbl } from '../../scripts/gen-syscalls.ts';

describe('the shipped syscall table', () => {
  it('knows openat on every architecture with its entry point and arguments', () => {
    const result = lookupSyscall('openat');
    expect(result.kind).toBe('found');
    if (result.kind !== 'found') return;
    expect(Object.fromEntries(result.rows.map((r) => [r.arch, r.nr]))).toEqual({ x86_64: 257, i386: 295, arm64: 56, arm: 322, riscv64: 56 });
    expect(result.rows.every((r) => r.entry === 'sys_openat')).toBe(true);
    expect(result.rows[0]!.args).toEqual(['int dfd', 'const char *filename', 'int flags', 'umode_t mode']);
    expect(result.manUrl).toBe('https://man7.org/linux/man-pages/man2/openat.2.html');
  });

  it('finds a number on x86_64 by default and on a named architecture', () => {
    expect(lookupSyscall('257')).toMatchObject({ kind: 'found', name: 'openat', rows: [{ arch: 'x86_64', nr: 257 }] });
    expect(lookupSyscall('56', 'arm64')).toMatchObject({ kind: 'found', name: 'openat' });
    expect(lookupSyscall('0', 'i386')).toMatchObject({ kind: 'found', name: 'restart_syscall' });
    expect(lookupSyscall('9999')).toMatchObject({ kind: 'not-found' });
  });

  it('accepts sys_ and __NR_ spellings and the entry point name', () => {
    expect(lookupSyscall('sys_read')).toMatchObject({ kind: 'found', name: 'read' });
    expect(lookupSyscall('__NR_write')).toMatchObject({ kind: 'found', name: 'write' });
    // arm64's table names 79 "fstatat"; its entry point is sys_newfstatat, the name x86_64 uses.
    const stat = lookupSyscall('newfstatat', 'arm64');
    expect(stat).toMatchObject({ kind: 'found', rows: [{ arch: 'arm64', nr: 79, entry: 'sys_newfstatat' }] });
  });

  it('marks unimplemented numbers and architecture-only calls', () => {
    const uselib = lookupSyscall('uselib', 'x86_64');
    expect(uselib).toMatchObject({ kind: 'found', rows: [{ nr: 134, entry: null, args: null }] });
    expect(lookupSyscall('open', 'arm64')).toMatchObject({ kind: 'not-found' });
    const clone = lookupSyscall('clone', 'x86_64');
    expect(clone).toMatchObject({ kind: 'found', rows: [{ argsVary: true }] });
  });

  it('suggests names for typos and prefixes', () => {
    expect(suggestSyscalls('opena')).toContain('openat');
    expect(suggestSyscalls('openatt')).toContain('openat');
    expect(lookupSyscall('opnat')).toMatchObject({ kind: 'not-found', suggestions: expect.arrayContaining(['openat']) });
    expect(ARCHES).toHaveLength(5);
  });
});

describe('gen-syscalls parsers (real kernel file formats)', () => {
  it('reads .tbl lines with any whitespace, ABIs and comments', () => {
    const tbl =
      '# comment\n0\tcommon\tread\t\t\tsys_read\n13\t64\trt_sigaction\t\tsys_rt_sigaction\n134\t64\tuselib\n462 \tcommon  mseal\t\t\tsys_mseal\n512\tx32\trt_sigaction\t\tcompat_sys_rt_sigaction\n156\t64\t_sysctl\t\t\tsys_ni_syscall\n';
    expect(parseTbl(tbl, ['common', '64'])).toEqual([
      { nr: 0, name: 'read', entry: 'sys_read' },
      { nr: 13, name: 'rt_sigaction', entry: 'sys_rt_sigaction' },
      { nr: 134, name: 'uselib', entry: null },
      { nr: 156, name: '_sysctl', entry: null },
      { nr: 462, name: 'mseal', entry: 'sys_mseal' },
    ]);
  });

  it('reads the generic unistd.h with its #if switches for a 64-bit architecture', () => {
    const unistd = [
      '#define __NR_io_setup 0',
      '__SC_COMP(__NR_io_setup, sys_io_setup, compat_sys_io_setup)',
      '#ifdef __ARCH_WANT_RENAMEAT',
      '#define __NR_renameat 38',
      '__SYSCALL(__NR_renameat, sys_renameat)',
      '#endif /* __ARCH_WANT_RENAMEAT */',
      '#if defined(__ARCH_WANT_TIME32_SYSCALLS) || __BITS_PER_LONG != 32',
      '#define __NR_io_getevents 4',
      '__SC_3264(__NR_io_getevents, sys_io_getevents_time32, sys_io_getevents)',
      '#endif',
      '#define __NR3264_fstatat 79',
      '__SC_3264(__NR3264_fstatat, sys_fstatat64, sys_newfstatat)',
    ].join('\n');
    expect(parseGenericUnistd(unistd, ['__ARCH_WANT_RENAMEAT'])).toEqual([
      { nr: 0, name: 'io_setup', entry: 'sys_io_setup' },
      { nr: 4, name: 'io_getevents', entry: 'sys_io_getevents' },
      { nr: 38, name: 'renameat', entry: 'sys_renameat' },
      { nr: 79, name: 'newfstatat', entry: 'sys_newfstatat' },
    ]);
    expect(parseGenericUnistd(unistd, []).map((r) => r.name)).not.toContain('renameat');
  });

  it('reads multi-line prototypes, drops __user and notes per-architecture variants', () => {
    const header =
      'asmlinkage long sys_openat(int dfd, const char __user *filename, int flags,\n\t\t\t   umode_t mode);\nasmlinkage long sys_sync(void);\n#ifdef A\nasmlinkage long sys_clone(unsigned long, int __user *);\n#else\nasmlinkage long sys_clone(unsigned long, int __user *, int);\n#endif\n';
    const { prototypes, variants } = parsePrototypes(header);
    expect(prototypes.sys_openat).toEqual(['int dfd', 'const char *filename', 'int flags', 'umode_t mode']);
    expect(prototypes.sys_sync).toEqual([]);
    expect(variants).toEqual(['sys_clone']);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MaintainersIndex, normalisePath } from '../../src/kernel/maintainers/index.ts';
import { parseMaintainers } from '../../src/kernel/maintainers/parse.ts';

const TEXT = readFileSync(new URL('../fixtures/maintainers/MAINTAINERS', import.meta.url), 'utf8');
const index = MaintainersIndex.fromText(TEXT);

/** Section titles for a path, most specific first, as get_maintainer.pl --sections lists them. */
const titles = (path: string) => index.matcher.match(path).map((m) => m.section.title);

describe('parseMaintainers', () => {
  const sections = parseMaintainers(TEXT);

  it('reads every section of the real file format and skips the preamble', () => {
    expect(sections.length).toBe(45);
    expect(sections[0]!.title).toBe('3C59X NETWORK DRIVER');
    expect(sections.at(-1)!.title).toBe('THE REST');
    expect(sections.some((s) => s.title.startsWith('List of') || s.title.startsWith('Maintainers List'))).toBe(false);
  });

  it('splits a section into its fields', () => {
    const btrfs = sections.find((s) => s.title === 'BTRFS FILE SYSTEM')!;
    expect({ status: btrfs.status, ...btrfs.listsByName() }).toMatchObject({
      status: 'Maintained',
      maintainers: ['Chris Mason <clm@fb.com>', 'David Sterba <dsterba@suse.com>'],
      lists: ['linux-btrfs@vger.kernel.org'],
      trees: ['git git://git.kernel.org/pub/scm/linux/kernel/git/kdave/linux.git'],
      web: ['https://btrfs.readthedocs.io'],
      files: ['Documentation/filesystems/btrfs.rst', 'fs/btrfs/', 'include/linux/btrfs*', 'include/trace/events/btrfs.h', 'include/uapi/linux/btrfs*'],
    });
    const kasan = sections.find((s) => s.title === 'KASAN')!;
    expect(kasan.values('reviewers')).toHaveLength(4);
    expect(sections.find((s) => s.title === 'CHAR and MISC DRIVERS')!.values('excludes')).toContain('drivers/char/random.c');
  });

  it('accepts CRLF line ends and ignores trailing blanks', () => {
    expect(parseMaintainers(TEXT.replace(/\n/g, ' \r\n')).map((s) => s.title)).toEqual(sections.map((s) => s.title));
  });
});

describe('path matching like get_maintainer.pl', () => {
  it('an exact file under a directory pattern', () => {
    expect(titles('fs/btrfs/inode.c')).toEqual(['BTRFS FILE SYSTEM', 'THE REST']);
  });

  it('several sections, most specific first', () => {
    expect(titles('drivers/gpu/drm/i915/i915_drv.c')).toEqual(['INTEL DRM I915 DRIVER (Meteor Lake, DG2 and older excluding Poulsbo, Moorestown and derivative)', 'DRM DRIVERS', 'THE REST']);
    expect(titles('drivers/gpu/drm/i915/display/intel_display.c')).toEqual([
      'INTEL DRM DISPLAY FOR XE AND I915 DRIVERS',
      'INTEL DRM I915 DRIVER (Meteor Lake, DG2 and older excluding Poulsbo, Moorestown and derivative)',
      'DRM DRIVERS',
      'THE REST',
    ]);
    expect(titles('drivers/gpu/drm/drm_atomic.c')).toEqual(['DRM DRIVERS AND MISC GPU PATCHES', 'DRM DRIVERS', 'THE REST']);
  });

  it('a directory: the same rules, on the path with its slash', () => {
    expect(titles('drivers/gpu/drm/i915/')[0]).toMatch(/^INTEL DRM I915 DRIVER/);
    expect(titles('drivers/gpu/drm/i915/')).not.toContain('DRM DRIVERS AND MISC GPU PATCHES');
    expect(titles('fs/btrfs/')).toEqual(['BTRFS FILE SYSTEM', 'THE REST']);
  });

  it('globs: * within one directory level, ? for one character, [ch] classes', () => {
    expect(titles('drivers/net/phy/bcm7xxx.c')).toEqual(['BROADCOM ETHERNET PHY DRIVERS', 'ETHERNET PHY LIBRARY', 'THE REST']);
    expect(titles('drivers/net/phy/bcm7xxx.o')).toEqual(['ETHERNET PHY LIBRARY', 'THE REST']);
    expect(titles('include/linux/btrfs_tree.h')).toEqual(['BTRFS FILE SYSTEM', 'THE REST']);
    // `*` does not cross a slash for a pattern without a trailing one.
    expect(titles('include/linux/btrfs/x.h')).toEqual(['THE REST']);
    expect(titles('drivers/acpi/thermal.c')).toEqual(['ACPI THERMAL DRIVER', 'ACPI', 'THE REST']);
    expect(titles('drivers/pci/pci-acpi.c')).toEqual(['ACPI', 'THE REST']);
    expect(titles('drivers/pci/hotplug/acpiphp_glue.c')).toEqual(['ACPI', 'THE REST']);
    expect(titles('arch/x86/include/asm/efi.h')).toEqual(['EXTENSIBLE FIRMWARE INTERFACE (EFI)', 'THE REST']);
  });

  it('X: exclusions remove a section before its F: lines count', () => {
    expect(titles('drivers/char/random.c')).toEqual(['THE REST']);
    expect(titles('drivers/char/mem.c')).toEqual(['CHAR and MISC DRIVERS', 'THE REST']);
    expect(titles('drivers/firmware/efi/cper.c')).toEqual(['ACPI APEI', 'THE REST']);
    expect(titles('drivers/firmware/efi/efi.c')).toEqual(['EXTENSIBLE FIRMWARE INTERFACE (EFI)', 'THE REST']);
    expect(titles('include/uapi/linux/nl80211.h')).not.toContain('ABI/API');
    expect(titles('include/linux/syscalls.h')).toEqual(['ABI/API', 'THE REST']);
  });

  it('N: regexes match anywhere in the path with depth 0; the last matching line decides', () => {
    expect(titles('drivers/platform/chrome/cros_ec_proto.c')).toEqual(['CHROME HARDWARE PLATFORM SUPPORT', 'CHROMEOS EC SUBDRIVERS', 'THE REST']);
    expect(titles('drivers/mfd/cros_ec_dev.c')).toEqual(['CHROMEOS EC SUBDRIVERS', 'THE REST']);
    expect(titles('include/uapi/linux/nl80211-vnd-intel.h')).toEqual(['802.11 (including CFG80211/NL80211)', 'THE REST']);
    // F: fs/*binfmt_*.c (depth 2) is followed by N: binfmt, which resets the section to 0.
    const binfmt = index.matcher.match('fs/binfmt_elf.c');
    expect(binfmt.map((m) => [m.section.title, m.specificity, m.via.type])).toEqual([
      ['EXEC & BINFMT API, ELF', 0, 'N'],
      ['THE REST', -1, 'F'],
    ]);
    expect(titles('lib/zstd/common/entropy_common.c')).toEqual(['ZSTD', 'THE REST']);
    expect(titles('arch/arm/boot/dts/broadcom/bcm-cygnus.dtsi')).toEqual(['BROADCOM IPROC ARM ARCHITECTURE', 'THE REST']);
  });

  it('K: content regexes never match paths', () => {
    // C-SKY has K: csky and N: csky; CLANG has only K: — a path naming clang is not theirs.
    expect(titles('scripts/clang-tools/gen_compile_commands.py')).toEqual(['CLANG/LLVM BUILD SUPPORT', 'THE REST']);
    expect(titles('tools/clang/foo.c')).toEqual(['THE REST']);
  });

  it('a literal pattern without a slash that is a directory covers what is below it', () => {
    expect(titles('drivers/acpi/arm64/iort.c')).toEqual(['ACPI FOR ARM64 (ACPI/arm64)', 'ACPI', 'THE REST']);
    expect(titles('drivers/gpu/drm/hisilicon/hibmc/hibmc_drm_drv.c')[0]).toBe('DRM DRIVERS FOR HISILICON HIBMC');
    // A literal prefix on the same level still works: include/drm/drm covers include/drm/drm_*.h.
    expect(titles('include/drm/drm_atomic.h')).toEqual(['DRM DRIVERS AND MISC GPU PATCHES', 'DRM DRIVERS', 'THE REST']);
  });

  it('THE REST: F: * covers top-level files, F: */ everything else, always last', () => {
    expect(titles('Makefile')).toEqual(['THE REST']);
    expect(titles('virt/kvm/kvm_main.c')).toEqual(['THE REST']);
    expect(index.matcher.match('Makefile')[0]!.specificity).toBe(-1);
  });

  it('gives the same answers when more wildcard lines are tested than it keeps compiled', () => {
    // 1,200 sections with a wildcard F: line each, all in one directory: every lookup there tests
    // all of them, more than the matcher keeps compiled, so patterns are compiled again after eviction.
    const many = new MaintainersIndex(parseMaintainers(Array.from({ length: 1200 }, (_, i) => `PART ${i}\nM:\tA <a@example.org>\nF:\tdrivers/many/part${i}_*.c\n`).join('\n')));
    const owner = (path: string) => many.matcher.match(path).map((m) => m.section.title);
    for (let round = 0; round < 2; round++) {
      for (const i of [0, 599, 1199]) expect(owner(`drivers/many/part${i}_core.c`)).toEqual([`PART ${i}`]);
      expect(owner('drivers/many/part5_core.h')).toEqual([]);
      expect(owner('drivers/many/sub/part5_core.c')).toEqual([]);
    }
  });
});

describe('normalisePath', () => {
  it.each([
    ['fs/btrfs/inode.c', 'fs/btrfs/inode.c'],
    ['./fs/btrfs/inode.c', 'fs/btrfs/inode.c'],
    ['a/fs/btrfs/inode.c', 'fs/btrfs/inode.c'],
    ['/fs//btrfs', 'fs/btrfs/'],
    ['drivers/gpu/drm/i915', 'drivers/gpu/drm/i915/'],
    ['fs', 'fs/'],
    ['Makefile', 'Makefile'],
    ['fs/btrfs/Kconfig', 'fs/btrfs/Kconfig'],
    ['`fs/ext4/inode.c`', 'fs/ext4/inode.c'],
  ])('%s → %s', (input, expected) => expect(normalisePath(input)).toBe(expected));

  it.each(['', '../etc/passwd', 'fs/../x', 'two words', 'fs/<script>'])('rejects %j', (input) => expect(normalisePath(input)).toBeNull());
});

describe('subsystem names', () => {
  const first = (query: string) => index.names.search(query)[0]?.section.title;

  it('finds a subsystem by a word of its title', () => {
    expect(first('btrfs')).toBe('BTRFS FILE SYSTEM');
    expect(first('i915')).toMatch(/^INTEL DRM I915 DRIVER/);
    expect(first('drm')).toBe('DRM DRIVERS');
    expect(first('io_uring')).toBe('IO_URING');
    expect(first('ext4')).toBe('EXT4 FILE SYSTEM');
  });

  it('tolerates typos and prefixes', () => {
    expect(first('btfrs')).toBe('BTRFS FILE SYSTEM');
    expect(first('kasna')).toBe('KASAN');
    expect(first('inotif')).toBe('INOTIFY');
    expect(first('chrome')).toBe('CHROME HARDWARE PLATFORM SUPPORT');
  });

  it('ranks several candidates and declines nonsense', () => {
    const drm = index.names.search('drm').map((h) => h.section.title);
    expect(drm[0]).toBe('DRM DRIVERS');
    expect(drm.every((title) => title.includes('DRM'))).toBe(true);
    expect(drm).toContain('DRM DRIVERS AND MISC GPU PATCHES');
    expect(index.names.search('zzzzqqq')).toEqual([]);
    expect(index.names.search('   ')).toEqual([]);
  });

  it('resolves an exact title (a picked suggestion), also when cut to 100 characters', () => {
    const i915 = index.sections.find((s) => s.title.startsWith('INTEL DRM I915'))!;
    expect(index.names.exact('btrfs file system')?.title).toBe('BTRFS FILE SYSTEM');
    expect(index.names.exact(i915.title.slice(0, 60))).toBe(i915);
  });
});

describe('lookup', () => {
  it('tells paths from names', () => {
    expect(index.lookup('fs/btrfs/inode.c')).toMatchObject({ kind: 'path', path: 'fs/btrfs/inode.c' });
    expect(index.lookup('btrfs')).toMatchObject({ kind: 'name' });
    expect(index.lookup('fs/btrfs')).toMatchObject({ kind: 'path', path: 'fs/btrfs/' });
    expect(index.lookup('Makefile')).toMatchObject({ kind: 'path', path: 'Makefile' });
    expect(index.lookup('???')).toMatchObject({ kind: 'none' });
    // A bare word that only THE REST would cover is not a path answer.
    expect(index.lookup('qqqqzzzz')).toMatchObject({ kind: 'none' });
    expect(index.lookup('io_uring')).toMatchObject({ kind: 'name' });
  });
});

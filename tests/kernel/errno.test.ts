import { describe, expect, it } from 'vitest';
import { errnoNames, lookupErrno, suggestErrno } from '../../src/kernel/errno/index.ts';
import { GERMAN_MEANINGS } from '../../src/kernel/errno/german.ts';
import { parseErrnoHeader } from '../../scripts/gen-errno.ts';

describe('errno lookup', () => {
  it('by name, with or without minus, in any case', () => {
    for (const query of ['EBUSY', '-EBUSY', 'ebusy', '16', '-16']) {
      expect(lookupErrno(query)).toMatchObject({ name: 'EBUSY', nr: 16, meaning: { en: 'Device or resource busy', de: 'Gerät oder Ressource belegt' } });
    }
  });

  it('resolves aliases and lists them', () => {
    expect(lookupErrno('EWOULDBLOCK')).toMatchObject({ name: 'EAGAIN', nr: 11 });
    expect(lookupErrno('EAGAIN')!.aliases).toEqual(['EWOULDBLOCK']);
  });

  it('knows kernel-internal codes and marks them', () => {
    expect(lookupErrno('-517')).toMatchObject({ name: 'EPROBE_DEFER', kernelOnly: true });
    expect(lookupErrno('ENOENT')!.kernelOnly).toBe(false);
    expect(lookupErrno('ERESTARTSYS')!.meaning.en).toMatch(/kernel-internal/);
  });

  it('declines unknown input', () => {
    expect(lookupErrno('EFOO')).toBeNull();
    expect(lookupErrno('99999')).toBeNull();
    expect(lookupErrno('')).toBeNull();
  });

  it('has a German meaning for every shipped value', () => {
    const missing = errnoNames().filter((name) => !(name in GERMAN_MEANINGS) && !['EWOULDBLOCK', 'EDEADLOCK'].includes(name));
    expect(missing).toEqual([]);
  });

  it('suggests names by prefix, then by substring, and numbers', () => {
    expect(suggestErrno('EBU').map((e) => e.name)).toEqual(['EBUSY']);
    expect(suggestErrno('CONN').map((e) => e.name)).toContain('ECONNRESET');
    expect(suggestErrno('51').map((e) => e.name)).toContain('EPROBE_DEFER');
  });
});

describe('gen-errno header parser', () => {
  it('reads values, comments and aliases', () => {
    const text = '#define\tEPERM\t\t 1\t/* Operation not permitted */\n#define\tEWOULDBLOCK\tEAGAIN\t/* Operation would block */\n#define ERESTARTSYS\t512\n';
    expect(parseErrnoHeader(text, false)).toEqual({
      rows: [
        { name: 'EPERM', nr: 1, comment: 'Operation not permitted', kernelOnly: false },
        { name: 'ERESTARTSYS', nr: 512, comment: null, kernelOnly: false },
      ],
      aliases: { EWOULDBLOCK: 'EAGAIN' },
    });
  });
});

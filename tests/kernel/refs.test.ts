import { describe, expect, it } from 'vitest';
import { findKernelRefs } from '../../src/kernel/refs/detect.ts';
import { parseCgitCommit, parseCveAtom, parseRawMessage } from '../../src/kernel/refs/kernel-org.ts';
import { renderRefs } from '../../src/kernel/refs/render.ts';
import { CGIT_COMMIT_PAGE, CGIT_BAD_OBJECT, CVE_ATOM, LORE_RAW } from './kernel-org-pages.ts';

describe('finding references in a message', () => {
  it('finds commit ids, also in Fixes: lines, CVE ids and lore links, in order, at most three', () => {
    expect(findKernelRefs('Fixes: 0123456789ab ("mm: fix a thing")')).toEqual([{ kind: 'commit', id: '0123456789ab' }]);
    expect(findKernelRefs('see CVE-2024-26581 and commit 3dbf2cd1c2f1 and https://lore.kernel.org/netdev/20240101.123@example.org/')).toEqual([
      { kind: 'lore', url: 'https://lore.kernel.org/netdev/20240101.123@example.org/', list: 'netdev', messageId: '20240101.123@example.org' },
      { kind: 'cve', id: 'CVE-2024-26581' },
      { kind: 'commit', id: '3dbf2cd1c2f1' },
    ]);
    expect(findKernelRefs('a1b2c3d4e5f6 b1b2c3d4e5f6 c1b2c3d4e5f6 d1b2c3d4e5f6')).toHaveLength(3);
  });

  it('ignores numbers, short ids, hex inside URLs and words, code blocks and repeats', () => {
    expect(findKernelRefs('call 0123456789012345 now')).toEqual([]);
    expect(findKernelRefs('abcdef12345')).toEqual([]);
    expect(findKernelRefs('https://example.org/0123456789abcdef/x')).toEqual([]);
    expect(findKernelRefs('x0123456789abcdef')).toEqual([]);
    expect(findKernelRefs('```\nlog 0123456789abcdef\n```')).toEqual([]);
    expect(findKernelRefs('0123456789ab and again 0123456789abcdef')).toHaveLength(1);
  });
});

describe('parsing kernel.org pages', () => {
  it('reads a cgit commit page', () => {
    expect(parseCgitCommit(CGIT_COMMIT_PAGE)).toEqual({
      id: '0dd3ee31125508cd67f7e7172247f05b7fd1753a',
      subject: 'Linux 6.7',
      author: 'Linus Torvalds',
      date: '2024-01-07 12:18:38 -0800',
      tags: ['v6.7'],
    });
    expect(parseCgitCommit(CGIT_BAD_OBJECT)).toBeNull();
  });

  it('reads a CVE announcement from lore’s Atom search and a raw lore message', () => {
    expect(parseCveAtom(CVE_ATOM, 'CVE-2024-26581')).toMatchObject({
      id: 'CVE-2024-26581',
      subject: 'netfilter: nft_set_rbtree: skip end interval element from gc',
      date: '2024-02-20',
      fixedIn: ['6.7.5', '6.8'],
    });
    expect(parseRawMessage(LORE_RAW)).toEqual({ subject: '[PATCH v2] btrfs: fix a race in the extent map shrinker', author: 'Jane Dev', date: '2024-05-02' });
  });

  it('renders one compact reply without anything that could ping', () => {
    const text = renderRefs(
      [
        {
          kind: 'commit',
          id: '0dd3ee31125508cd67f7e7172247f05b7fd1753a',
          subject: 'Linux 6.7',
          author: 'Linus Torvalds',
          date: '2024-01-07 12:18:38 -0800',
          tags: ['v6.7'],
          url: 'https://git.kernel.org/x/commit/?id=0dd3ee31125508cd67f7e7172247f05b7fd1753a',
        },
        { kind: 'cve', id: 'CVE-2024-26581', subject: 'netfilter: …', date: '2024-02-20', fixedIn: ['6.7.5', '6.8'], url: 'https://lore.kernel.org/x' },
      ],
      'en',
    );
    expect(text).toBe(
      '**Linux 6.7**\ncommit 0dd3ee311255 · Linus Torvalds · 2024-01-07 · tagged v6.7\n<https://git.kernel.org/x/commit/?id=0dd3ee31125508cd67f7e7172247f05b7fd1753a>\n\n**CVE-2024-26581**: netfilter: …\nannounced 2024-02-20 · fixed in 6.7.5, 6.8\n<https://lore.kernel.org/x>',
    );
  });
});

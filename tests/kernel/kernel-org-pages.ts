/**
 * Pages in the formats kernel.org serves them: a cgit commit page (the markup cgit's ui-commit.c
 * writes: commit-info table, commit-subject with decorations), cgit's error page for an unknown id,
 * a public-inbox Atom search result for a CVE announcement, and a raw lore message. The markup follows
 * the real formats; ids, hashes and texts are examples, not copies of real pages.
 */
export const CGIT_COMMIT_PAGE = `<!DOCTYPE html>
<html lang='en'>
<head><title>kernel/git/torvalds/linux.git - Linux kernel source tree</title></head>
<body>
<div id='cgit'><table id='header'><tr><td class='main'><a href='/'>index</a> : <a href='/pub/scm/linux/kernel/git/torvalds/linux.git/'>kernel/git/torvalds/linux.git</a></td></tr></table>
<div class='content'><table summary='commit info' class='commit-info'>
<tr><th>author</th><td>Linus Torvalds &lt;torvalds@linux-foundation.org&gt;</td><td class='right'>2024-01-07 12:18:38 -0800</td></tr>
<tr><th>committer</th><td>Linus Torvalds &lt;torvalds@linux-foundation.org&gt;</td><td class='right'>2024-01-07 12:18:38 -0800</td></tr>
<tr><th>commit</th><td colspan='2' class='oid'><a href='/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=0dd3ee31125508cd67f7e7172247f05b7fd1753a'>0dd3ee31125508cd67f7e7172247f05b7fd1753a</a> (<a href='/pub/scm/linux/kernel/git/torvalds/linux.git/patch/?id=0dd3ee31125508cd67f7e7172247f05b7fd1753a'>patch</a>)</td></tr>
<tr><th>tree</th><td colspan='2' class='oid'><a href='/pub/scm/linux/kernel/git/torvalds/linux.git/tree/?id=0dd3ee31125508cd67f7e7172247f05b7fd1753a'>e8c4a4d59a6ad0c8d4e6bb0a4e0a2a1b4c0e4f3f</a></td></tr>
<tr><th>parent</th><td colspan='2' class='oid'><a href='/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=52b1853b080a082ec3749c3a9577f6c71b1d4a90'>52b1853b080a082ec3749c3a9577f6c71b1d4a90</a> (<a href='/pub/scm/linux/kernel/git/torvalds/linux.git/diff/?id=0dd3ee31125508cd67f7e7172247f05b7fd1753a'>diff</a>)</td></tr>
</table>
<div class='commit-subject'>Linux 6.7<span class='decoration'><a class='tag-annotated-deco' href='/pub/scm/linux/kernel/git/torvalds/linux.git/tag/?h=v6.7'>v6.7</a></span></div>
<div class='commit-msg'></div>
<div class='diffstat-header'><a href='/pub/scm/linux/kernel/git/torvalds/linux.git/diff/?id=0dd3ee31125508cd67f7e7172247f05b7fd1753a'>Diffstat</a></div>
</div></div></body></html>
`;

export const CGIT_BAD_OBJECT = `<!DOCTYPE html>
<html lang='en'><head><title>kernel/git/torvalds/linux.git - Linux kernel source tree</title></head>
<body><div id='cgit'><div class='content'><div class='error'>Bad object id: 0123456789ab</div></div></div></body></html>
`;

export const CVE_ATOM = `<?xml version="1.0" encoding="us-ascii"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>CVE-2024-26581 - search results</title><id>mailto:linux-cve-announce@vger.kernel.org</id>
<updated>2024-02-20T12:54:02Z</updated>
<entry><author><name>Greg Kroah-Hartman</name><email>gregkh@linuxfoundation.org</email></author><title>CVE-2024-26581: netfilter: nft_set_rbtree: skip end interval element from gc</title><updated>2024-02-20T12:54:02Z</updated><link href="https://lore.kernel.org/linux-cve-announce/2024022058-CVE-2024-26581-0b8d@gregkh/"/><id>urn:uuid:2b8f0d9c-0000-0000-0000-000000000000</id>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><pre style="white-space:pre-wrap">Description
===========

In the Linux kernel, the following vulnerability has been resolved:

netfilter: nft_set_rbtree: skip end interval element from gc

Affected and fixed versions
===========================

	Issue introduced in 5.10.210 with commit 10e3d0b1a7b9 and fixed in 6.7.5 with commit 1296c110c5a0
	Issue introduced in 6.6 with commit 7a5d8e3a4a0b and fixed in 6.8 with commit 60c0c230c6f0
</pre></div></content></entry></feed>
`;

export const LORE_RAW = [
  'From: Jane Dev <jane@example.org>',
  'To: linux-btrfs@vger.kernel.org',
  'Subject: [PATCH v2] btrfs: fix a race in the extent map',
  '  shrinker',
  'Date: Thu, 2 May 2024 10:00:00 +0200',
  'Message-Id: <20240502080000.1-jane@example.org>',
  '',
  'The body.',
].join('\n');

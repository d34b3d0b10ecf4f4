/**
 * Kernel references in a chat message: commit ids (12–40 hex digits, as in `Fixes: 0123456789ab
 * ("subject")` or `commit 0123456789ab`), CVE ids and lore.kernel.org message links. Pure.
 */

export type KernelRef = { kind: 'commit'; id: string } | { kind: 'cve'; id: string } | { kind: 'lore'; url: string; list: string | null; messageId: string };

/** At most this many references are explained in one reply. */
const MAX_REFS_PER_MESSAGE = 3;

const LORE = /https?:\/\/lore\.kernel\.org\/(?:([\w.+-]+)\/)?([^\s/<>]+@[^\s/<>]+?)(?:\/[^\s<>]*)?(?=[\s<>)\]]|$)/gi;
const CVE = /\bCVE-(\d{4})-(\d{4,7})\b/gi;
const HEX = /(?<![\w/.=-])([0-9a-f]{12,40})(?![\w-])/gi;

export function findKernelRefs(text: string): KernelRef[] {
  const refs: KernelRef[] = [];
  const seen = new Set<string>();
  const add = (key: string, ref: KernelRef) => {
    if (seen.has(key) || refs.length >= MAX_REFS_PER_MESSAGE) return;
    seen.add(key);
    refs.push(ref);
  };
  // Code blocks are quoted material (logs, diffs), not references someone wants explained.
  const prose = text.replace(/```[\s\S]*?```/g, ' ');
  for (const m of prose.matchAll(LORE)) {
    const messageId = decodeURIComponent(m[2]!);
    add(`lore:${messageId}`, { kind: 'lore', url: m[0], list: m[1] ?? null, messageId });
  }
  const withoutUrls = prose.replace(/https?:\/\/\S+/g, ' ');
  for (const m of withoutUrls.matchAll(CVE)) add(`cve:${m[1]}-${m[2]}`, { kind: 'cve', id: `CVE-${m[1]}-${m[2]}` });
  for (const m of withoutUrls.matchAll(HEX)) {
    const id = m[1]!.toLowerCase();
    // A run of digits is a number, not an abbreviated commit id.
    if (/^\d+$/.test(id)) continue;
    add(`commit:${id.slice(0, 12)}`, { kind: 'commit', id });
  }
  return refs;
}

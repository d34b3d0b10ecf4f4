import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { KnowledgeLookup, MessageBody } from './ports.ts';
import type { Release, ReleaseKind } from '../shared/release.ts';
import { rcInfo, seriesOf } from '../shared/kernel-version.ts';
import { eolEventKey, releaseEventKey, sortEvents } from './events.ts';

/** One thing a message announces; a release row or an EOL row of the delivery ledger. */
export type AnnouncementItem = { type: 'release'; release: Release } | { type: 'eol'; series: string; release: Release };

export interface RenderOptions {
  /** Pinged (and the only thing that may be pinged) when set. */
  roleId?: string | null;
  knowledge?: KnowledgeLookup;
}

/** Discord's limits: 10 embeds and 6,000 embed characters per message; we keep a margin. */
export const MAX_EMBEDS_PER_MESSAGE = 10;
const MAX_EMBED_CHARS_PER_MESSAGE = 5_500;

const KIND_LABEL: Record<ReleaseKind, string> = {
  mainline: 'mainline',
  rc: 'release candidate (mainline)',
  stable: 'stable',
  longterm: 'longterm',
  'linux-next': 'linux-next',
};

const COLOR: Record<ReleaseKind | 'eol', number> = {
  mainline: 0x2da44e,
  rc: 0xd29922,
  stable: 0x1f6feb,
  longterm: 0x8250df,
  'linux-next': 0x6e7781,
  eol: 0xcf222e,
};

export const itemKey = (item: AnnouncementItem) =>
  item.type === 'release' ? releaseEventKey(item.release.version) : eolEventKey(item.series);

export const discordDate = (date: Date) => `<t:${Math.floor(date.getTime() / 1000)}:D>`;

const link = (label: string, url: string | undefined) => (url ? `[${label}](${url})` : undefined);
const joinLinks = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' · ');

function title(release: Release): string {
  return release.kind === 'linux-next' ? `linux-next ${release.version}` : `Linux ${release.version}`;
}

function summaryLine(release: Release): string {
  const series = seriesOf(release.version);
  switch (release.kind) {
    case 'rc': {
      const rc = rcInfo(release.version)!;
      return `Release candidate ${rc.rc} of Linux ${rc.of} (mainline, for testing).`;
    }
    case 'mainline':
      return `Linux ${release.version} is released (final mainline release).`;
    case 'stable':
      return `Stable update of the ${series} series.`;
    case 'longterm':
      return `Longterm (LTS) update of the ${series} series.`;
    case 'linux-next':
      return 'Daily linux-next integration snapshot.';
  }
}

function eolNotice(release: Release): string {
  const series = seriesOf(release.version);
  return `⚠️ **END OF LIFE**: ${release.version} is the last release of the ${series} series. It gets no further fixes; move to a supported series.`;
}

export function releaseEmbed(release: Release, knowledge?: KnowledgeLookup): APIEmbed {
  const l = release.links;
  const fields: APIEmbedField[] = [
    { name: 'Kind', value: release.eol ? `${KIND_LABEL[release.kind]}, **EOL**` : KIND_LABEL[release.kind], inline: true },
    { name: 'Released', value: discordDate(release.released), inline: true },
  ];
  const add = (name: string, value: string) => value && fields.push({ name, value });
  add('Download', joinLinks(link('tarball', l.tarball), link('PGP signature', l.signature)));
  add('Patches', joinLinks(link('full', l.patch), link('incremental', l.incrementalPatch)));
  add('ChangeLog', joinLinks(link(`ChangeLog-${release.version}`, l.changelog)));
  add('Git', joinLinks(link('tree', l.git), link('diff', l.diff)));
  if (release.kind === 'mainline') {
    add("What's new", joinLinks(link(`kernelnewbies: Linux ${release.version}`, l.kernelnewbies)));
    const entry = knowledge?.releaseEntry(release.version) ?? null;
    const entries = knowledge?.entriesForVersion(release.version) ?? [];
    const listed = entries.slice(0, 8).map((e) => `• ${e.title}`);
    if (entries.length > listed.length) listed.push(`… and ${entries.length - listed.length} more`);
    // The release entry leads: its headline changes by area are one command away.
    if (entry) listed.unshift(`**${entry.title}**: \`/release ${release.version}\``);
    add('In the knowledge base', listed.join('\n').slice(0, 1024));
  }
  return {
    title: title(release),
    ...(l.git || l.tarball ? { url: l.git ?? l.tarball } : {}),
    description: release.eol ? `${summaryLine(release)}\n\n${eolNotice(release)}` : summaryLine(release),
    color: release.eol ? COLOR.eol : COLOR[release.kind],
    fields,
    footer: { text: 'kernel.org' },
    timestamp: release.released.toISOString(),
  };
}

export function eolEmbed(series: string, release: Release): APIEmbed {
  return {
    title: `Linux ${series} has reached end of life`,
    ...(release.links.git ? { url: release.links.git } : {}),
    description: `${eolNotice(release)}\n\nLast release: **${release.version}**, ${discordDate(release.released)}.`,
    color: COLOR.eol,
    fields: [
      { name: 'Kind', value: `${KIND_LABEL[release.kind]}, **EOL**`, inline: true },
      ...(release.links.changelog ? [{ name: 'Last ChangeLog', value: `[ChangeLog-${release.version}](${release.links.changelog})` }] : []),
    ],
    footer: { text: 'kernel.org' },
  };
}

/**
 * A release embed that already says EOL makes the separate EOL notice of the same version redundant:
 * the notice is still delivered (its ledger row rides on the same message) but draws no second embed.
 */
function embedsFor(items: AnnouncementItem[], knowledge?: KnowledgeLookup): APIEmbed[] {
  const eolVersionsShown = new Set(items.filter((i) => i.type === 'release' && i.release.eol).map((i) => i.release.version));
  return items.flatMap((item) => {
    if (item.type === 'release') return [releaseEmbed(item.release, knowledge)];
    return eolVersionsShown.has(item.release.version) ? [] : [eolEmbed(item.series, item.release)];
  });
}

function headline(items: AnnouncementItem[]): string {
  const releases = items.filter((i) => i.type === 'release').map((i) => i.release.version);
  const eols = items.filter((i) => i.type === 'eol').map((i) => (i.type === 'eol' ? i.series : ''));
  const parts: string[] = [];
  if (releases.length === 1) parts.push(`New kernel release: **${releases[0]}**`);
  if (releases.length > 1) parts.push(`New kernel releases: ${releases.map((v) => `**${v}**`).join(', ')}`);
  if (eols.length > 0) parts.push(`End of life: ${eols.map((s) => `**${s}**`).join(', ')}`);
  return parts.join(' · ');
}

/** One message for a batch of items (already ordered and sized by planMessages). */
export function renderMessage(items: AnnouncementItem[], options: RenderOptions = {}, nonce?: string): MessageBody {
  const text = headline(items);
  return {
    content: options.roleId ? `<@&${options.roleId}> ${text}` : text,
    embeds: embedsFor(items, options.knowledge),
    // Never let a feed string ping anyone: only the configured role may be mentioned.
    allowed_mentions: options.roleId ? { parse: [], roles: [options.roleId] } : { parse: [] },
    ...(nonce ? { nonce, enforce_nonce: true } : {}),
  };
}

export function embedChars(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Splits items (oldest first) into messages within Discord's embed count and size limits. */
export function planMessages(items: AnnouncementItem[], options: RenderOptions = {}): AnnouncementItem[][] {
  const ordered = sortEvents(items);
  const messages: AnnouncementItem[][] = [];
  let current: AnnouncementItem[] = [];
  for (const item of ordered) {
    const candidate = [...current, item];
    const embeds = embedsFor(candidate, options.knowledge);
    const chars = embeds.reduce((n, e) => n + embedChars(e), 0);
    if (current.length > 0 && (embeds.length > MAX_EMBEDS_PER_MESSAGE || chars > MAX_EMBED_CHARS_PER_MESSAGE)) {
      messages.push(current);
      current = [item];
    } else {
      current = candidate;
    }
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

/** A digest: several releases for one channel, oldest first, as few messages as the limits allow. */
export function renderDigest(items: AnnouncementItem[], options: RenderOptions = {}): MessageBody[] {
  return planMessages(items, options).map((batch) => renderMessage(batch, options));
}

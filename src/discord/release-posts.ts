import type { APIEmbed, APIEmbedField, RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { AnnouncementItem, AnnouncementPost, KnowledgeLookup } from '../releases/ports.ts';
import type { CurrentReleases, Release, ReleaseKind } from '../shared/release.ts';
import { rcInfo, seriesOf } from '../shared/kernel-version.ts';
import type { Language } from '../knowledge/schema.ts';
import { ANNOUNCE } from '../i18n/announce.ts';
import { embedLength } from './policy.ts';

/**
 * Release posts as Discord messages: the release core hands over a neutral AnnouncementPost
 * (what to announce, to whom, which nonce); this module decides the embeds, colours and links.
 */

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

/** One message for a planned batch of items; a sample post is marked as a test and never pings. */
export function renderAnnouncement(post: AnnouncementPost): RESTPostAPIChannelMessageJSONBody {
  const embeds = embedsFor(post.items, post.knowledge);
  if (post.sample) {
    const role = post.roleId ? ` Real posts will mention <@&${post.roleId}>.` : '';
    return { content: `🧪 Test post: this is how kernel release announcements will look here.${role}`, embeds, allowed_mentions: { parse: [] } };
  }
  const text = headline(post.items);
  return {
    content: post.roleId ? `<@&${post.roleId}> ${text}` : text,
    embeds,
    // Never let a feed string ping anyone: only the configured role may be mentioned.
    allowed_mentions: post.roleId ? { parse: [], roles: [post.roleId] } : { parse: [] },
    ...(post.nonce ? { nonce: post.nonce, enforce_nonce: true } : {}),
  };
}

/** Splits items (already ordered, oldest first) into messages within Discord's embed count and size limits. */
export function planMessages(items: AnnouncementItem[], knowledge?: KnowledgeLookup): AnnouncementItem[][] {
  const messages: AnnouncementItem[][] = [];
  let current: AnnouncementItem[] = [];
  for (const item of items) {
    const candidate = [...current, item];
    const embeds = embedsFor(candidate, knowledge);
    const chars = embeds.reduce((n, e) => n + embedLength(e), 0);
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

const label = (r: Release) => `${r.version}${r.eol ? ' (EOL)' : ''}`;

/** /kernel as an embed: the releases of the last good feed fetch, without any network call. */
export function renderCurrentReleasesEmbed(current: CurrentReleases | null, lang: Language): APIEmbed {
  const t = ANNOUNCE[lang];
  if (!current) return { title: t.currentTitle, description: t.noDataYet };
  const line = (r: Release) => {
    const name = r.links.git ? `[${label(r)}](${r.links.git})` : label(r);
    return `**${r.kind}** ${name} · ${discordDate(r.released)}`;
  };
  const footer = `${t.checkedFooter(t.ago(current.ageMs))}${current.lastError ? ` · ${t.showingLastGood}` : ''}`;
  return {
    title: t.currentTitle,
    url: 'https://www.kernel.org/',
    description: current.releases.map(line).join('\n').slice(0, 4096),
    footer: { text: footer },
    timestamp: current.checkedAt.toISOString(),
  };
}

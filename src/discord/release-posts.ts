import type { APIEmbed, APIEmbedField, RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { AnnouncementItem, AnnouncementPost, ReleaseKnowledge } from '../releases/ports.ts';
import type { SkippedVersions } from '../releases/events.ts';
import type { CurrentReleases, Release, ReleaseKind } from '../shared/release.ts';
import { rcInfo, seriesOf } from '../shared/kernel-version.ts';
import type { Language } from '../knowledge/schema.ts';
import { ANNOUNCE } from '../i18n/announce.ts';
import { RELEASE_POSTS } from '../i18n/release-posts.ts';
import { embedLength } from './policy.ts';

/**
 * Release posts as Discord messages: the release core hands over a neutral AnnouncementPost
 * (what to announce, to whom, which nonce); this module decides the embeds, colours and links.
 */

/** Discord's limits: 10 embeds and 6,000 embed characters per message; we keep a margin. */
const MAX_EMBEDS_PER_MESSAGE = 10;
const MAX_EMBED_CHARS_PER_MESSAGE = 5_500;

const COLOR: Record<ReleaseKind | 'eol', number> = {
  mainline: 0x2da44e,
  rc: 0xd29922,
  stable: 0x1f6feb,
  longterm: 0x8250df,
  'linux-next': 0x6e7781,
  eol: 0xcf222e,
};

const discordDate = (date: Date) => `<t:${Math.floor(date.getTime() / 1000)}:D>`;

const link = (label: string, url: string | undefined) => (url ? `[${label}](${url})` : undefined);
const joinLinks = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' · ');

function title(release: Release): string {
  return release.kind === 'linux-next' ? `linux-next ${release.version}` : `Linux ${release.version}`;
}

function summaryLine(release: Release, lang: Language): string {
  const t = RELEASE_POSTS[lang];
  const series = seriesOf(release.version);
  switch (release.kind) {
    case 'rc': {
      const rc = rcInfo(release.version)!;
      return t.rcSummary(String(rc.rc), rc.of);
    }
    case 'mainline':
      return t.mainlineSummary(release.version);
    case 'stable':
      return t.stableSummary(series);
    case 'longterm':
      return t.longtermSummary(series);
    case 'linux-next':
      return t.nextSummary;
  }
}

const eolNotice = (release: Release, lang: Language) => RELEASE_POSTS[lang].eolNotice(release.version, seriesOf(release.version));

export function releaseEmbed(release: Release, lang: Language, knowledge?: ReleaseKnowledge): APIEmbed {
  const t = RELEASE_POSTS[lang];
  const l = release.links;
  const fields: APIEmbedField[] = [
    { name: t.kindField, value: release.eol ? `${t.kind(release.kind)}, **EOL**` : t.kind(release.kind), inline: true },
    { name: t.releasedField, value: t.date(release.released), inline: true },
  ];
  const add = (name: string, value: string) => value && fields.push({ name, value });
  add(t.downloadField, joinLinks(link(t.tarball, l.tarball), link(t.signature, l.signature)));
  add(t.patchesField, joinLinks(link(t.fullPatch, l.patch), link(t.incrementalPatch, l.incrementalPatch)));
  add('ChangeLog', joinLinks(link(`ChangeLog-${release.version}`, l.changelog)));
  add(t.gitField, joinLinks(link(t.tree, l.git), link(t.diff, l.diff)));
  if (release.kind === 'mainline') {
    add(t.whatsNewField, joinLinks(link(`kernelnewbies: Linux ${release.version}`, l.kernelnewbies)));
    const entry = knowledge?.releaseEntry ?? null;
    const entries = knowledge?.entries ?? [];
    const listed = entries.slice(0, 8).map((e) => `• ${e.title[lang]}`);
    if (entries.length > listed.length) listed.push(t.more(String(entries.length - listed.length)));
    // The release entry leads: its headline changes by area are one command away.
    if (entry) listed.unshift(`**${entry.title[lang]}**: \`/release ${release.version}\``);
    add(t.knowledgeField, listed.join('\n').slice(0, 1024));
  }
  return {
    title: title(release),
    ...(l.git || l.tarball ? { url: l.git ?? l.tarball } : {}),
    description: release.eol ? `${summaryLine(release, lang)}\n\n${eolNotice(release, lang)}` : summaryLine(release, lang),
    color: release.eol ? COLOR.eol : COLOR[release.kind],
    fields,
    footer: { text: 'kernel.org' },
    timestamp: release.released.toISOString(),
  };
}

export function eolEmbed(series: string, release: Release, lang: Language): APIEmbed {
  const t = RELEASE_POSTS[lang];
  return {
    title: t.eolTitle(series),
    ...(release.links.git ? { url: release.links.git } : {}),
    description: `${eolNotice(release, lang)}\n\n${t.lastRelease(release.version, t.date(release.released))}`,
    color: COLOR.eol,
    fields: [
      { name: t.kindField, value: `${t.kind(release.kind)}, **EOL**`, inline: true },
      ...(release.links.changelog ? [{ name: t.lastChangeLogField, value: `[ChangeLog-${release.version}](${release.links.changelog})` }] : []),
    ],
    footer: { text: 'kernel.org' },
  };
}

/**
 * A release embed that already says EOL makes the separate EOL notice of the same version redundant:
 * the notice is still delivered (its ledger row rides on the same message) but draws no second embed.
 */
function embedsFor(items: AnnouncementItem[], lang: Language): APIEmbed[] {
  const eolVersionsShown = new Set(items.flatMap((i) => (i.type === 'release' && i.release.eol ? [i.release.version] : [])));
  return items.flatMap((item) => {
    if (item.type === 'release') return [releaseEmbed(item.release, lang, item.knowledge)];
    // The note about left-out versions is a line of the message's text, never an embed: it rides on the last message.
    if (item.type === 'skipped') return [];
    return eolVersionsShown.has(item.release.version) ? [] : [eolEmbed(item.series, item.release, lang)];
  });
}

function headline(items: AnnouncementItem[], lang: Language): string {
  const t = RELEASE_POSTS[lang];
  const bold = (names: string[]) => names.map((v) => `**${v}**`).join(', ');
  const releases = items.filter((i) => i.type === 'release').map((i) => i.release.version);
  const eols = items.flatMap((i) => (i.type === 'eol' ? [i.series] : []));
  const parts: string[] = [];
  if (releases.length === 1) parts.push(t.newRelease(bold(releases)));
  if (releases.length > 1) parts.push(t.newReleases(bold(releases)));
  if (eols.length > 0) parts.push(t.endOfLife(bold(eols)));
  const notes = items.flatMap((i) => (i.type === 'skipped' ? [skippedNote(i.skipped, lang)] : []));
  return [parts.join(' · '), ...notes].filter(Boolean).join('\n');
}

/** "Also new, not announced separately (25): 6.1.150, …": at most MAX_SKIPPED_LISTED names, so the text stays short. */
function skippedNote(skipped: SkippedVersions, lang: Language): string {
  const names = skipped.listed.join(', ');
  return RELEASE_POSTS[lang].skippedNote(String(skipped.total), skipped.total > skipped.listed.length ? `${names}, …` : names);
}

/** One message for a planned batch of items, in the post's language; a sample post is marked as a test and never pings. */
export function renderAnnouncement(post: AnnouncementPost): RESTPostAPIChannelMessageJSONBody {
  const t = RELEASE_POSTS[post.lang];
  const embeds = embedsFor(post.items, post.lang);
  if (post.sample) {
    const role = post.roleId ? ` ${t.sampleRole(`<@&${post.roleId}>`)}` : '';
    return { content: `${t.sample}${role}`, embeds, allowed_mentions: { parse: [] } };
  }
  const text = headline(post.items, post.lang);
  return {
    content: post.roleId ? `<@&${post.roleId}> ${text}` : text,
    embeds,
    // Never let a feed string ping anyone: only the configured role may be mentioned.
    allowed_mentions: post.roleId ? { parse: [], roles: [post.roleId] } : { parse: [] },
    ...(post.nonce ? { nonce: post.nonce, enforce_nonce: true } : {}),
  };
}

/** Splits items (already ordered, oldest first) into messages within Discord's embed count and size limits, as written in `lang`. */
export function planMessages(items: AnnouncementItem[], lang: Language): AnnouncementItem[][] {
  const messages: AnnouncementItem[][] = [];
  let current: AnnouncementItem[] = [];
  for (const item of items) {
    const candidate = [...current, item];
    const embeds = embedsFor(candidate, lang);
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

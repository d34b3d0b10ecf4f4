import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIComponentInMessageActionRow, type APIEmbed } from 'discord-api-types/v10';
import { releaseSections, versionRanges, type Reply, type EntryView, type EntryRef, type ReleaseView, type ReleaseSection } from '../answers/reply.ts';
import { labels } from '../i18n/answers.ts';
import { DISCORD } from '../i18n/discord.ts';
import type { Language } from '../knowledge/schema.ts';
import { LIMITS, clip, escapeUserText, fitEmbed } from './policy.ts';
import { encodeCustomId } from './custom-ids.ts';
import { renderCurrentReleasesEmbed } from './release-posts.ts';

/** A platform message: what the router sends as reply, follow-up or channel message. */
export interface RenderedMessage {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  ephemeral: boolean;
  /** The entry a public answer is about, for the 60-second repeat guard. */
  entryId: string | null;
}

const COLOURS = { entry: 0xf5a623, release: 0x2e86de, notFound: 0x95a5a6, message: 0x34495e };

export interface RenderOptions {
  /** Public answers get a delete button for their asker. */
  ownerId?: string | null;
  ephemeral?: boolean;
}

/** Renders the reply model as Discord embeds and components, within Discord's limits. */
export function renderDiscord(reply: Reply, options: RenderOptions = {}): RenderedMessage {
  const ephemeral = options.ephemeral ?? (reply.type === 'message' ? (reply.ephemeral ?? false) : false);
  const owner = ephemeral ? null : (options.ownerId ?? null);
  switch (reply.type) {
    case 'entry': {
      const rows: RenderedMessage['components'] = [];
      const related = [...reply.entry.related, ...reply.also.filter((a) => !reply.entry.related.some((r) => r.id === a.id))];
      if (related.length > 0) rows.push(relatedMenu(related, reply.lang));
      rows.push(buttonRow([langToggle(reply.entry.id, reply.lang), ...(owner ? [deleteButton(owner, reply.lang)] : [])]));
      return { embeds: [entryEmbed(reply.entry, reply.lang, reply.also)], components: rows, ephemeral, entryId: reply.entry.id };
    }
    case 'not-found': {
      const l = labels(reply.lang);
      const query = reply.query.trim() ? escapeUserText(clip(reply.query, 200)) : '…';
      const lines = [l.notFound(query)];
      if (reply.suggestions.length > 0) lines.push('', `${l.didYouMean}: ${reply.suggestions.map((s) => `**${s.title}**`).join(', ')}?`);
      else lines.push('', l.tryFeature);
      const rows = reply.suggestions.length > 0 ? [buttonRow(reply.suggestions.slice(0, LIMITS.buttonsPerRow).map((s) => showButton(s, reply.lang)))] : [];
      return {
        embeds: [fitEmbed({ title: l.notFoundTitle, description: lines.join('\n'), color: COLOURS.notFound })],
        components: rows,
        ephemeral,
        entryId: null,
      };
    }
    case 'release': {
      const rows = owner ? [buttonRow([deleteButton(owner, reply.lang)])] : [];
      return { embeds: [releaseEmbed(reply.release, reply.lang)], components: rows, ephemeral, entryId: reply.release.entry?.id ?? null };
    }
    case 'releases':
      return { embeds: [fitEmbed(renderCurrentReleasesEmbed(reply.current, reply.lang))], components: [], ephemeral, entryId: null };
    case 'message':
      return {
        embeds: [
          fitEmbed({
            title: reply.title ?? undefined,
            description: reply.text,
            color: COLOURS.message,
            fields: reply.fields?.map((f) => ({ ...f, inline: true })),
          }),
        ],
        components: [],
        ephemeral,
        entryId: null,
      };
  }
}

function entryEmbed(entry: EntryView, lang: Language, also: EntryRef[] = []): APIEmbed {
  const l = labels(lang);
  const fields: { name: string; value: string; inline?: boolean }[] = [
    { name: l.status, value: entry.statusLine, inline: true },
    { name: l.area, value: entry.area, inline: true },
    ...(entry.talk ? [{ name: `${l.talkSaid} (${entry.talk.source})`, value: entry.talk.claim }] : []),
    { name: l.since, value: entry.since },
  ];
  if (entry.correction) fields.push({ name: `⚠️ ${l.correction}`, value: entry.correction });
  fields.push({ name: l.sources, value: entry.links.map((link) => `[${link.title.replace(/[[\]]/g, '')}](${link.url})`).join('\n') });
  if (entry.related.length > 0) fields.push({ name: l.related, value: entry.related.map((r) => r.title).join(' · ') });
  if (also.length > 0) fields.push({ name: l.alsoRelevant, value: also.map((r) => `${r.title} (\`/feature ${r.id}\`)`).join('\n') });
  return fitEmbed(
    {
      title: entry.title,
      url: entry.links[0]?.url,
      description: entry.summary,
      color: COLOURS.entry,
      fields,
      footer: { text: `kernelbot · /feature ${entry.id}` },
    },
    l.fullEntry(entry.id),
  );
}

function releaseEmbed(release: ReleaseView, lang: Language): APIEmbed {
  const l = labels(lang);
  const description: string[] = [];
  if (release.note) description.push(release.note);
  if (!release.known) description.push(l.releaseUnknown(release.version, versionRanges(release.coveredVersions)));
  if (release.entry) description.push(release.entry.summary);
  const sections = releaseSections(release);
  if (sections.length === 0 && release.focus.length > 0) description.push('', l.noChangesFor(release.version, release.focus.join(', ')));
  else if (release.known && !release.entry && sections.length === 0) description.push(l.noFeatures);
  description.push('', `[${l.kernelnewbies}](${release.kernelnewbiesUrl})`);
  return fitEmbed(
    {
      title: release.title,
      url: release.kernelnewbiesUrl,
      description: description.join('\n'),
      color: COLOURS.release,
      fields: [...release.facts.map((f) => ({ name: f.label, value: f.value, inline: true })), ...sections.flatMap((section) => sectionFields(section, lang))],
      footer: { text: `kernelbot · /release ${release.version}` },
    },
    `… /release ${release.version}`,
  );
}

/** One area of a release as embed fields: headline changes, then the feature entries; split where a field would pass 1,024. */
function sectionFields(section: ReleaseSection, lang: Language): { name: string; value: string }[] {
  const l = labels(lang);
  const lines = section.changes.map((c) => clip(`• ${c.text}${c.entry ? ` → ${c.entry.title}` : ''}`, LIMITS.fieldValue));
  if (section.changes.length === 0) lines.push(...section.entries.map((e) => `• ${e.title}`));
  else if (section.entries.length > 0) lines.push(clip(`📚 ${l.entriesInBase}: ${section.entries.map((e) => e.title).join(' · ')}`, LIMITS.fieldValue));
  const fields: { name: string; value: string }[] = [];
  for (const line of lines) {
    const last = fields.at(-1);
    if (last && last.value.length + 1 + line.length <= LIMITS.fieldValue) last.value += `\n${line}`;
    else fields.push({ name: fields.length === 0 ? section.area : `${section.area} (…)`, value: line });
  }
  return fields;
}

function relatedMenu(related: EntryRef[], lang: Language): APIActionRowComponent<APIComponentInMessageActionRow> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: encodeCustomId({ action: 'related', lang }),
        placeholder: DISCORD[lang].relatedPlaceholder,
        options: related.slice(0, LIMITS.selectOptions).map((r) => ({ label: clip(r.title, 100), value: r.id })),
      },
    ],
  };
}

function buttonRow(buttons: APIComponentInMessageActionRow[]): APIActionRowComponent<APIComponentInMessageActionRow> {
  return { type: ComponentType.ActionRow, components: buttons.slice(0, LIMITS.buttonsPerRow) };
}

function langToggle(entryId: string, current: Language): APIComponentInMessageActionRow {
  const other: Language = current === 'de' ? 'en' : 'de';
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: encodeCustomId({ action: 'lang', entryId, lang: other }),
    // Named in the language it switches to, so a reader of that language finds it.
    label: DISCORD[other].inLanguage,
    emoji: { name: '🌐' },
  };
}

function deleteButton(ownerId: string, lang: Language): APIComponentInMessageActionRow {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Danger,
    custom_id: encodeCustomId({ action: 'delete', ownerId }),
    label: DISCORD[lang].delete,
    emoji: { name: '🗑️' },
  };
}

export function showButton(ref: EntryRef, lang: Language): APIComponentInMessageActionRow {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Primary,
    custom_id: encodeCustomId({ action: 'show', entryId: ref.id, lang }),
    label: clip(ref.title, LIMITS.label),
  };
}

export function postButton(ref: EntryRef, lang: Language, messageId: string): APIComponentInMessageActionRow {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Primary,
    custom_id: encodeCustomId({ action: 'post', entryId: ref.id, lang, messageId }),
    label: clip(`${DISCORD[lang].post}: ${ref.title}`, LIMITS.label),
  };
}

export { buttonRow };

import { releaseSections, versionRanges, type Reply, type EntryView, type ReleaseView } from '../answers/reply.ts';
import { labels } from '../i18n/answers.ts';
import type { Language } from '../knowledge/schema.ts';

/** Renders the reply model as plain text for the terminal and the CLI. */
export function renderText(reply: Reply): string {
  switch (reply.type) {
    case 'entry':
      return [
        renderEntry(reply.entry, reply.lang),
        alsoLine(
          reply.also.map((r) => r.title),
          reply.lang,
        ),
      ]
        .filter(Boolean)
        .join('\n');
    case 'not-found': {
      const l = labels(reply.lang);
      const lines = [`${l.notFoundTitle}: ${l.notFound(reply.query)}`];
      if (reply.suggestions.length > 0) lines.push(`${l.didYouMean}: ${reply.suggestions.map((s) => `${s.title} (/feature ${s.id})`).join(', ')}`);
      else lines.push(l.tryFeature);
      return lines.join('\n');
    }
    case 'release':
      return renderRelease(reply.release, reply.lang);
    case 'releases':
      return reply.text;
    case 'message':
      return [reply.title ? `== ${reply.title} ==` : '', reply.text, ...(reply.fields ?? []).map((f) => `${f.name}: ${f.value}`)].filter(Boolean).join('\n');
  }
}

function renderEntry(entry: EntryView, lang: Language): string {
  const l = labels(lang);
  const lines = [
    `== ${entry.title} ==`,
    `${l.status}: ${entry.statusLine} · ${entry.area}`,
    '',
    entry.summary,
    '',
    ...(entry.talk ? [`${l.talkSaid} (${entry.talk.source}: ${entry.talk.section}):`, `  ${entry.talk.claim}`] : []),
    `${l.since}:`,
    `  ${entry.since}`,
  ];
  if (entry.correction) lines.push(`${l.correction}:`, `  ${entry.correction}`);
  lines.push(`${l.sources}:`, ...entry.links.map((link) => `  - ${link.title}: ${link.url}`));
  if (entry.related.length > 0) lines.push(`${l.related}: ${entry.related.map((r) => r.title).join(', ')}`);
  return lines.join('\n');
}

function renderRelease(release: ReleaseView, lang: Language): string {
  const l = labels(lang);
  const lines = [`== ${release.title} ==`];
  if (release.note) lines.push(release.note);
  if (!release.known) lines.push(l.releaseUnknown(release.version, versionRanges(release.coveredVersions)));
  if (release.entry) lines.push(release.entry.summary);
  for (const fact of release.facts) lines.push(`${fact.label}: ${fact.value}`);
  const sections = releaseSections(release);
  for (const section of sections) {
    lines.push(`${section.area}:`);
    for (const change of section.changes) lines.push(`  • ${change.text}${change.entry ? ` (/feature ${change.entry.id})` : ''}`);
    if (section.entries.length > 0) lines.push(`  ${l.entriesInBase}: ${section.entries.map((e) => e.title).join(', ')}`);
  }
  if (sections.length === 0 && release.focus.length > 0) lines.push(l.noChangesFor(release.version, release.focus.join(', ')));
  else if (release.known && sections.length === 0 && !release.entry) lines.push(l.noFeatures);
  lines.push(`${l.kernelnewbies}: ${release.kernelnewbiesUrl}`);
  return lines.join('\n');
}

function alsoLine(titles: string[], lang: Language): string {
  return titles.length > 0 ? `${labels(lang).alsoRelevant}: ${titles.join(', ')}` : '';
}

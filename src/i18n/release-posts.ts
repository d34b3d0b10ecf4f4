import type { ReleaseKind } from '../shared/release.ts';
import { texts } from './catalogue.ts';

/*
 * The release posts in subscribed channels, in the subscription's language. Kinds (mainline,
 * stable, longterm, linux-next) are kernel.org's names and stay; "kernel.org" in the footer too
 * (it also marks a post as an announcement).
 */

/** A day as the language writes it, in UTC (kernel.org's dates): "5 December 2025", "5. Dezember 2025". */
const dateIn = (locale: string) => (date: Date) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);

export const RELEASE_POSTS = texts(
  {
    date: dateIn('en-GB'),
    kind: (kind: ReleaseKind) => ({ mainline: 'mainline', rc: 'release candidate (mainline)', stable: 'stable', longterm: 'longterm', 'linux-next': 'linux-next' })[kind],
    kindField: 'Kind',
    releasedField: 'Released',
    downloadField: 'Download',
    tarball: 'tarball',
    signature: 'PGP signature',
    patchesField: 'Patches',
    fullPatch: 'full',
    incrementalPatch: 'incremental',
    gitField: 'Git',
    tree: 'tree',
    diff: 'diff',
    whatsNewField: "What's new",
    knowledgeField: 'In the knowledge base',
    more: (count: string) => `… and ${count} more`,
    rcSummary: (rc: string, of: string) => `Release candidate ${rc} of Linux ${of} (mainline, for testing).`,
    mainlineSummary: (version: string) => `Linux ${version} is released (final mainline release).`,
    stableSummary: (series: string) => `Stable update of the ${series} series.`,
    longtermSummary: (series: string) => `Longterm (LTS) update of the ${series} series.`,
    nextSummary: 'Daily linux-next integration snapshot.',
    eolNotice: (version: string, series: string) => `⚠️ **END OF LIFE**: ${version} is the last release of the ${series} series. It gets no further fixes; move to a supported series.`,
    eolTitle: (series: string) => `Linux ${series} has reached end of life`,
    lastRelease: (version: string, date: string) => `Last release: **${version}**, ${date}.`,
    lastChangeLogField: 'Last ChangeLog',
    newRelease: (version: string) => `New kernel release: ${version}`,
    newReleases: (versions: string) => `New kernel releases: ${versions}`,
    endOfLife: (series: string) => `End of life: ${series}`,
    skippedNote: (count: string, versions: string) => `Also new, not announced separately (${count}): ${versions}`,
    sample: '🧪 Test post: this is how kernel release announcements will look here.',
    sampleRole: (role: string) => `Real posts will mention ${role}.`,
  },
  {
    date: dateIn('de-DE'),
    kind: (kind: ReleaseKind) => ({ mainline: 'mainline', rc: 'Release-Kandidat (mainline)', stable: 'stable', longterm: 'longterm', 'linux-next': 'linux-next' })[kind],
    kindField: 'Art',
    releasedField: 'Erschienen',
    downloadField: 'Download',
    tarball: 'Tarball',
    signature: 'PGP-Signatur',
    patchesField: 'Patches',
    fullPatch: 'vollständig',
    incrementalPatch: 'inkrementell',
    gitField: 'Git',
    tree: 'Tree',
    diff: 'Diff',
    whatsNewField: 'Was ist neu',
    knowledgeField: 'In der Wissensdatenbank',
    more: (count: string) => `… und ${count} weitere`,
    rcSummary: (rc: string, of: string) => `Release-Kandidat ${rc} von Linux ${of} (mainline, zum Testen).`,
    mainlineSummary: (version: string) => `Linux ${version} ist erschienen (finale Mainline-Version).`,
    stableSummary: (series: string) => `Stable-Update der Serie ${series}.`,
    longtermSummary: (series: string) => `Longterm-Update (LTS) der Serie ${series}.`,
    nextSummary: 'Täglicher Integrationsstand von linux-next.',
    eolNotice: (version: string, series: string) =>
      `⚠️ **ENDE DER PFLEGE**: ${version} ist die letzte Version der Serie ${series}. Sie bekommt keine Korrekturen mehr; wechsle zu einer gepflegten Serie.`,
    eolTitle: (series: string) => `Linux ${series} wird nicht mehr gepflegt (EOL)`,
    lastRelease: (version: string, date: string) => `Letzte Version: **${version}** vom ${date}.`,
    lastChangeLogField: 'Letztes ChangeLog',
    newRelease: (version: string) => `Neue Kernel-Version: ${version}`,
    newReleases: (versions: string) => `Neue Kernel-Versionen: ${versions}`,
    endOfLife: (series: string) => `Ende der Pflege: ${series}`,
    skippedNote: (count: string, versions: string) => `Ebenfalls neu, nicht einzeln angekündigt (${count}): ${versions}`,
    sample: '🧪 Testbeitrag: So sehen Ankündigungen neuer Kernel-Versionen hier aus.',
    sampleRole: (role: string) => `Echte Beiträge erwähnen ${role}.`,
  },
);

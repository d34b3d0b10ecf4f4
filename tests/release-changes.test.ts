import { describe, expect, it } from 'vitest';
import { realKnowledge, entryData } from './support/knowledge.ts';
import { releaseReply, replyForOutcome, versionRanges, type Reply } from '../src/answers/reply.ts';
import { renderText } from '../src/terminal/render-text.ts';
import { renderDiscord } from '../src/discord/render.ts';
import { LIMITS, embedLength } from '../src/discord/policy.ts';
import { KnowledgeSearch } from '../src/search/index.ts';
import { entrySchema } from '../src/knowledge/schema.ts';

/** The headline changes of a release entry (release.changes) in /release and in version questions. */

const { search } = realKnowledge();

function release(reply: Reply) {
  if (reply.type !== 'release') throw new Error(`expected a release reply, got ${reply.type}`);
  return reply.release;
}

function ask(question: string, lang: 'en' | 'de') {
  return release(replyForOutcome(search.search(question), search, lang));
}

describe('release changes in the reply model', () => {
  it('lists every headline change of 6.12 grouped by area, linking the entries that explain them', () => {
    const view = release(releaseReply('6.12', search, 'en'));
    const entry = search.releaseEntry('6.12')!;
    expect(view.changes.flatMap((g) => g.items.map((i) => i.text))).toEqual(entry.release!.changes.map((c) => c.en));
    expect(view.changes.map((g) => g.area)).toEqual(['File systems', 'Graphics', 'Networking', 'Scheduling']);
    const scheduling = view.changes.find((g) => g.area === 'Scheduling')!;
    expect(scheduling.items.map((i) => i.entry?.id)).toContain('preempt-rt');
    expect(view.focus).toEqual([]);
  });

  it('answers "what did 6.1 bring for filesystems?" with only the 6.1 file-system changes', () => {
    const view = ask('what did 6.1 bring for filesystems?', 'en');
    expect(view.version).toBe('6.1');
    expect(view.focus).toEqual(['File systems']);
    expect(view.changes.map((g) => g.area)).toEqual(['File systems']);
    expect(view.changes[0]!.items.map((i) => i.text).join(' ')).toMatch(/Btrfs/);
    expect(view.groups.every((g) => g.area === 'File systems')).toBe(true);
    expect(view.title).toBe('What Linux 6.1 brought: File systems');
  });

  it('answers the German question in German, filtered the same way', () => {
    const view = ask('Was brachte Linux 6.12 für Dateisysteme?', 'de');
    expect(view.version).toBe('6.12');
    expect(view.changes.map((g) => g.area)).toEqual(['Dateisysteme']);
    expect(view.changes[0]!.items[0]!.text).toMatch(/XFS unterstützt Blockgrößen/);
  });

  it('says so when the asked area has no changes in that release', () => {
    const view = release(releaseReply('6.11', search, 'en', new Set(['graphics'])));
    expect(view.changes).toEqual([]);
    expect(renderText({ type: 'release', lang: 'en', release: view })).toMatch(/lists no changes in Linux 6\.11 for Graphics/);
    const de = release(releaseReply('6.11', search, 'de', new Set(['graphics'])));
    expect(renderText({ type: 'release', lang: 'de', release: de })).toMatch(/Für Grafik nennt meine Wissensbasis in Linux 6\.11 keine Neuerungen/);
  });
});

describe('release changes rendered', () => {
  it('shows every change of every covered release in the terminal and in the Discord embed, both languages', () => {
    for (const version of search.versions) {
      const entry = search.releaseEntry(version);
      if (!entry?.release?.changes.length) continue;
      for (const lang of ['en', 'de'] as const) {
        const reply = releaseReply(version, search, lang);
        const text = renderText(reply);
        const [embed] = renderDiscord(reply).embeds;
        const embedText = (embed!.fields ?? []).map((f) => f.value).join('\n');
        for (const change of entry.release.changes) {
          expect(text, `${version} ${lang} terminal`).toContain(change[lang]);
          expect(embedText, `${version} ${lang} embed`).toContain(change[lang]);
        }
        expect(embedLength(embed!)).toBeLessThanOrEqual(LIMITS.embedTotal);
        for (const field of embed!.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
      }
    }
  });

  it('splits an area whose changes pass the 1,024-character field limit into continued fields', () => {
    const long = (n: number, lang: string) => `${lang} change ${n}: ${'x'.repeat(270)}`;
    const changes = Array.from({ length: 8 }, (_, n) => ({ area: 'filesystems', en: long(n, 'en'), de: long(n, 'de') }));
    const releaseEntry = entrySchema.parse(
      entryData('linux-9-8', {
        kind: 'release',
        area: 'releases',
        status: 'released',
        version: '9.8',
        origin: 'later',
        talk: undefined,
        release: { date: '2030-01-01', changes },
      }),
    );
    const small = new KnowledgeSearch([releaseEntry, entrySchema.parse(entryData('some-fs', { version: '9.8' }))]);
    const [embed] = renderDiscord(releaseReply('9.8', small, 'en')).embeds;
    const fsFields = embed!.fields!.filter((f) => f.name.startsWith('File systems'));
    expect(fsFields.length).toBeGreaterThan(1);
    expect(fsFields.slice(1).every((f) => f.name === 'File systems (…)')).toBe(true);
    for (const field of fsFields) expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    const shown = fsFields.map((f) => f.value).join('\n');
    for (const change of changes) expect(shown).toContain(change.en);
    expect(shown).toContain('Title some-fs');
  });
});

describe('covered versions in the "not covered" message', () => {
  it('collapses consecutive mainline releases into ranges, across the x.19 and 4.20 boundaries', () => {
    expect(versionRanges(['3.8', '3.15', '3.16', '3.17', '3.18', '3.19', '4.0', '4.1'])).toBe('3.8, 3.15–4.1');
    expect(versionRanges(['4.19', '4.20', '5.0', '5.1', '5.19', '6.0', '7.0'])).toBe('4.19–5.1, 5.19–6.0, 7.0');
    expect(versionRanges(['6.18', '6.19', '7.0', '7.1'])).toBe('6.18–7.1');
    expect(versionRanges([])).toBe('');
  });

  it('names the ranges when a version is not covered', () => {
    const text = renderText(releaseReply('9.9', search, 'en'));
    expect(text).toMatch(/Linux 9\.9 is not covered by my knowledge base \(it covers [^)]*3\.0–[^)]*7\.\d+\)/);
    expect(text.length).toBeLessThan(600);
  });
});

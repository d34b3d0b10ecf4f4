import { describe, expect, it } from 'vitest';
import { texts } from '../src/i18n/catalogue.ts';
import { CATALOGUE } from '../src/i18n/index.ts';

/**
 * A missing translation is a compile error: `npm run typecheck` (tsc over tests/ too) fails when a
 * `@ts-expect-error` below stops being an error, i.e. when the catalogue type would let the mistake through.
 */
describe('the typed text catalogue', () => {
  it('rejects a German text that is missing, extra, of another kind or with other parameters', () => {
    const en = { title: 'Title', greet: (name: string) => `Hello ${name}`, nested: { ok: 'OK' } };
    const complete = texts(en, { title: 'Titel', greet: (name: string) => `Hallo ${name}`, nested: { ok: 'Gut' } });
    expect(complete.de.greet('Ada')).toBe('Hallo Ada');

    // @ts-expect-error German lacks `greet`
    texts(en, { title: 'Titel', nested: { ok: 'Gut' } });
    // @ts-expect-error German lacks a nested key
    texts(en, { title: 'Titel', greet: (name: string) => `Hallo ${name}`, nested: {} });
    // @ts-expect-error German has a key English lacks
    texts(en, { title: 'Titel', greet: (name: string) => `Hallo ${name}`, nested: { ok: 'Gut' }, extra: 'Extra' });
    // @ts-expect-error a function where English has a string
    texts(en, { title: () => 'Titel', greet: (name: string) => `Hallo ${name}`, nested: { ok: 'Gut' } });
    // @ts-expect-error a function that needs more parameters than English passes
    texts(en, { title: 'Titel', greet: (name: string, title: string) => `Hallo ${title} ${name}`, nested: { ok: 'Gut' } });
  });

  it('gives both languages the same keys in every area', () => {
    const keys = (value: object): string[] =>
      Object.entries(value)
        .flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as object).map((sub) => `${k}.${sub}`) : [k]))
        .sort();
    for (const [area, byLang] of Object.entries(CATALOGUE)) expect(keys(byLang.de), area).toEqual(keys(byLang.en));
  });
});

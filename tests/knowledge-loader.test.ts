import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseKnowledge, KnowledgeError, loadKnowledge } from '../src/knowledge/load.ts';
import { entryData } from './support/knowledge.ts';

function file(id: string, data: unknown, name = `knowledge/${id}.yaml`) {
  return { name, text: typeof data === 'string' ? data : stringify(data) };
}

function problemsOf(files: { name: string; text: string }[]): string[] {
  try {
    parseKnowledge(files);
  } catch (error) {
    expect(error).toBeInstanceOf(KnowledgeError);
    return (error as KnowledgeError).problems;
  }
  throw new Error('expected the knowledge base to be rejected');
}

describe('knowledge loader', () => {
  it('accepts valid entries and applies defaults', () => {
    const [entry] = parseKnowledge([file('ext4', entryData('ext4'))]);
    expect(entry?.id).toBe('ext4');
    expect(entry?.kind).toBe('feature');
    expect(entry?.removed).toBeNull();
  });

  it.each([
    ['broken YAML', 'id: [unclosed', /knowledge\/x\.yaml: not valid YAML \(line \d+\)/],
    ['a missing field', { ...entryData('x'), summary: undefined }, /knowledge\/x\.yaml: summary: .*expected object/],
    ['a missing translation', { ...entryData('x'), since: { en: 'only English' } }, /knowledge\/x\.yaml: since\.de: .*expected string/],
    ['an id that is not kebab-case', { ...entryData('x'), id: 'Not_Kebab' }, /id: must be kebab-case/],
    ['an unknown area', { ...entryData('x'), area: 'cooking' }, /knowledge\/x\.yaml: area: .*expected one of/],
    ['an unknown status', { ...entryData('x'), status: 'maybe' }, /knowledge\/x\.yaml: status: /],
    ['a malformed version', { ...entryData('x'), version: '4' }, /version: must look like "3\.19"/],
    ['a summary too long for an embed', { ...entryData('x'), summary: { en: 'a'.repeat(701), de: 'b' } }, /summary\.en: must be at most 700 characters/],
    ['no source link', { ...entryData('x'), links: [] }, /links: needs at least one source link/],
    ['a link that is not a URL', { ...entryData('x'), links: [{ title: 'x', url: 'not a url' }] }, /links\.0\.url: /],
    ['an unknown field', { ...entryData('x'), colour: 'blue' }, /knowledge\/x\.yaml: \(file\): .*colour/],
    ['removed without a version', { ...entryData('x'), status: 'removed' }, /removed: status "removed" needs the version/],
    ['a release without release facts', { ...entryData('x'), kind: 'release' }, /release: a release entry needs/],
    ['a file named after another id', entryData('y'), /knowledge\/x\.yaml: id: "y" should live in a file named y\.yaml/],
  ])('reports %s with file, field and reason', (_label, data, expected) => {
    const problems = problemsOf([file('x', data)]);
    expect(
      problems.some((p) => expected.test(p)),
      problems.join('\n'),
    ).toBe(true);
  });

  it('reports duplicate ids, duplicate names across entries and unknown related ids', () => {
    const problems = problemsOf([
      file('a', { ...entryData('a'), aliases: { en: ['Shared Name'], de: [] }, related: ['missing'] }),
      file('b', { ...entryData('b'), aliases: { en: ['shared name'], de: [] } }),
      file('a', entryData('a'), 'knowledge/again/a.yaml'),
    ]);
    expect(problems).toContain('knowledge/again/a.yaml: id: "a" is already used by knowledge/a.yaml');
    expect(problems.some((p) => /knowledge\/b\.yaml: aliases: "shared name" is already a name of entry "a"/.test(p))).toBe(true);
    expect(problems).toContain('knowledge/a.yaml: related: unknown entry id "missing"');
  });

  it('collects every problem in one message without a stack trace', () => {
    try {
      parseKnowledge([file('x', 'id: [unclosed'), file('y', { ...entryData('y'), area: 'cooking' })]);
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/^The knowledge base has 2 problem\(s\):/);
      expect(message).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('reports a missing or empty knowledge directory clearly', () => {
    expect(() => loadKnowledge('/nonexistent/knowledge')).toThrow(/\/nonexistent\/knowledge: cannot read the knowledge directory \(check KNOWLEDGE_DIR\)/);
    expect(() => loadKnowledge(mkdtempSync(join(tmpdir(), 'kernelbot-empty-')))).toThrow(/no knowledge files \(\*\.yaml\) in this directory/);
  });

  it('validates the real knowledge base', () => {
    const entries = loadKnowledge();
    expect(entries.length).toBeGreaterThanOrEqual(60);
  });
});

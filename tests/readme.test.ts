import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ROOT } from './support/run.ts';

const readme = readFileSync(`${ROOT}/README.md`, 'utf8');

describe('README', () => {
  it('points only inside the repository', () => {
    // Relative links and paths that leave the repository (../shared/seeds) are not there for a reader of a clone.
    expect(readme).not.toMatch(/\.\.\//);
    expect(readme).not.toMatch(/(^|[\s(`])\/?shared\//m);
    expect(readme).not.toMatch(/\/work\//);
  });

  it('names the sources of the knowledge base: the talk (title, speaker, date) and the articles', () => {
    const sources = readme.slice(readme.indexOf('### Sources'));
    expect(sources).toMatch(/Aktuelle Entwicklungen beim Linux-Kernel/);
    expect(sources).toMatch(/Thorsten Leemhuis/);
    expect(sources).toMatch(/spring\s+2015/);
    expect(sources).toMatch(/Kernel-Log/);
    expect(sources).toMatch(/Linux Kernel Development/);
  });
});

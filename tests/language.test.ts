import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../src/search/detect-language.ts';
import { realUsePosts, realUseQuestions } from './support/real-use.ts';

/** The reply language of a post, a mention or a terminal line, read from the text's function words. */
describe('reply language', () => {
  it('is right for ≥ 97 % of the held-out posts and questions and never the wrong language', () => {
    const heldOut = [...realUsePosts(), ...realUseQuestions()].filter((item) => item.split === 'holdout');
    expect(heldOut.length).toBeGreaterThan(100);
    const detected = heldOut.map((item) => ({ item, lang: detectLanguage(item.text) }));
    const wrong = detected.filter(({ item, lang }) => lang !== null && lang !== item.lang).map(({ item }) => item.text.slice(0, 80));
    const right = detected.filter(({ item, lang }) => lang === item.lang).length;
    console.log(`reply language on ${heldOut.length} held-out texts: ${right} right, ${wrong.length} wrong, ${heldOut.length - right - wrong.length} undecided`);
    expect(wrong).toEqual([]);
    expect(right / heldOut.length).toBeGreaterThanOrEqual(0.97);
  });

  it('reads short questions of both languages', () => {
    expect(detectLanguage('Was ist Live-Patching im Kernel?')).toBe('de');
    expect(detectLanguage('Wann erschien Linux 6.12?')).toBe('de');
    expect(detectLanguage('Which kernel release merged Rust support?')).toBe('en');
    expect(detectLanguage('Can I write my own CPU scheduler in BPF now?')).toBe('en');
    expect(detectLanguage('<@1100000000000000001> @everyone wie geht das mit btrfs?')).toBe('de');
    expect(detectLanguage('Größe')).toBe('de');
    // Questions made of terms, with a question verb as their only German or English word.
    expect(detectLanguage('was bedeutet Tainted: P O im Oops?')).toBe('de');
    expect(detectLanguage('Tainted P O im dmesg, was heißt das')).toBe('de');
    expect(detectLanguage('Unterschied btrfs balance scrub?')).toBe('de');
    expect(detectLanguage('Tainted: P O – meaning?')).toBe('en');
    expect(detectLanguage('zswap vs zram difference')).toBe('en');
  });

  it('leaves texts without function words undecided: names, keyword queries, command lines', () => {
    for (const text of ['kdbus', 'btrfs raid56', 'mkfs.btrfs -m raid1 /dev/sdb', 'Copy-on-Write', '', 'https://lwn.net/Articles/580194/']) expect(detectLanguage(text), text).toBeNull();
  });
});

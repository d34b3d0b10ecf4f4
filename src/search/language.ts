import { stemmer as stemGerman } from '@orama/stemmers/german';
import { stemmer as stemEnglish } from '@orama/stemmers/english';
import { foldText } from '../shared/text.ts';
import { Memo } from '../shared/memo.ts';
import { tokenize, STOP_WORDS } from './text.ts';
import { buildSynonymTable, type SynonymTable } from './synonyms.ts';

/**
 * The bilingual term pipeline: both sides of every match go through it, so an English stem, a German
 * stem, the parts of a German compound and a synonym's canonical token all meet in the index.
 */

/** Heads of German technical compounds: "Grafiktreiber" → grafik + treiber. */
const GERMAN_HEADS = `treiber speicher verwaltung gerat gerate zugriff system systeme dateisystem kernel entwickler entwicklung
  version versionen patch patches daten netzwerk grafik karte karten platte platten funktion funktionen modul module
  prozess prozesse schicht schichten sicherheit lucke lucken neustart leistung werkzeug werkzeuge kommunikation
  umgebung unterstutzung konfiguration beschleunigung regelung steuerung chip chips kern kerne seite seiten
  datei dateien bereich bereiche anwendung anwendungen schnittstelle test tests bildschirm monitor medien`.split(/\s+/);

/** Words whose terms and stems are remembered: the recurring words of questions, not the long tail (see Memo). */
const MAX_REMEMBERED_WORDS = 4096;
const LINKING_ELEMENTS = ['es', 's', 'n'];
const MIN_PART = 3;
const MIN_HEAD = 4;

export interface TermPipeline {
  /** MiniSearch `tokenize`: words plus synonym tokens for phrases found in the text. */
  tokenize: (text: string) => string[];
  /** MiniSearch `processTerm`: the word, its stems, compound parts and synonym token; null for stop words. */
  processTerm: (term: string) => string[] | null;
  /** The canonical synonym token of a folded word or phrase, if any. */
  synonymOf(word: string): string | undefined;
  /** Synonym phrases of several words found in a folded text, with their words ("file systems" → _filesystem). */
  phrases(folded: string): { token: string; words: string[] }[];
  /** English and German stem of a folded word (the word itself when too short to stem). */
  stems(word: string): [string, string];
}

export function createTermPipeline(lexiconWords: Iterable<string> = []): TermPipeline {
  const synonyms: SynonymTable = buildSynonymTable();
  const lexicon = new Set<string>(GERMAN_HEADS);
  for (const word of lexiconWords) {
    const folded = foldText(word);
    if (folded.length >= MIN_HEAD && /^[a-z]+$/.test(folded) && !STOP_WORDS.has(folded)) lexicon.add(folded);
  }
  const termMemo = new Memo<string, string[] | null>(MAX_REMEMBERED_WORDS, (term) => {
    if (STOP_WORDS.has(term) || term.length === 0) return null;
    const terms = new Set(expand(term));
    for (const part of splitCompound(term)) for (const t of expand(part)) terms.add(t);
    return [...terms];
  });

  function splitCompound(word: string, depth = 0): string[] {
    if (depth > 2 || word.length < MIN_PART + MIN_HEAD || /\d/.test(word)) return [];
    for (let cut = MIN_PART; cut <= word.length - MIN_HEAD; cut++) {
      const head = word.slice(cut);
      if (!lexicon.has(head)) continue;
      let modifier = word.slice(0, cut);
      const link = LINKING_ELEMENTS.find((l) => modifier.endsWith(l) && lexicon.has(modifier.slice(0, -l.length)));
      if (link) modifier = modifier.slice(0, -link.length);
      if (modifier.length < MIN_PART) continue;
      return [modifier, head, ...splitCompound(modifier, depth + 1)];
    }
    return [];
  }

  function expand(word: string): string[] {
    const out = new Set<string>([word]);
    if (word.length > 3 && /^[a-z]+$/.test(word)) {
      out.add(stemEnglish(word));
      // Stemming twice conflates "Dateisystem" with "Dateisysteme", which Snowball alone does not.
      out.add(stemGerman(stemGerman(word)));
    }
    const synonym = synonyms.words.get(word);
    if (synonym) out.add(synonym);
    // German numerals with -er ("386er", "5er-Reihe"): the number itself.
    const numeral = /^(\d+)er$/.exec(word);
    if (numeral) out.add(numeral[1]!);
    return [...out];
  }

  function processTerm(term: string): string[] | null {
    return term.startsWith('_') ? [term] : termMemo.get(term);
  }

  function tokenizeText(text: string): string[] {
    const tokens = tokenize(text);
    const folded = ` ${foldText(text)} `;
    for (const { phrase, token } of synonyms.phrases) if (phrase.test(folded)) tokens.push(token);
    return tokens;
  }

  function synonymOf(word: string): string | undefined {
    const folded = foldText(word);
    if (synonyms.words.has(folded)) return synonyms.words.get(folded);
    return synonyms.phrases.find(({ phrase }) => phrase.test(` ${folded} `))?.token;
  }

  const stemMemo = new Memo<string, [string, string]>(MAX_REMEMBERED_WORDS, (word) => [stemEnglish(word), stemGerman(stemGerman(word))]);
  function stems(word: string): [string, string] {
    return word.length <= 3 || !/^[a-z]+$/.test(word) ? [word, word] : stemMemo.get(word);
  }

  function phrases(folded: string): { token: string; words: string[] }[] {
    const padded = ` ${folded} `;
    return synonyms.phrases.filter(({ phrase }) => phrase.test(padded)).map(({ token, source }) => ({ token, words: source.split(/[^a-z0-9]+/).filter(Boolean) }));
  }

  return { tokenize: tokenizeText, processTerm, synonymOf, stems, phrases };
}

/**
 * Text normalisation shared by the loader, the index and the query side, so both sides of a
 * match always see the same tokens: case and umlaut folding, tokenising, stop words.
 */

import { foldText } from '../shared/text.ts';

/** The words a reader sees: hyphenated and underscored words split into their parts, nothing joined. */
export function tokenizeWords(text: string): string[] {
  return foldText(text).match(/[a-z0-9]+(?:\.[0-9]+)*/g) ?? [];
}

/** Words, version numbers (3.19) and identifiers (f2fs, so_incoming_cpu); hyphenated words also joined. */
export function tokenize(text: string): string[] {
  const folded = foldText(text);
  const tokens: string[] = [];
  for (const match of folded.matchAll(/[a-z0-9]+(?:[._][a-z0-9]+)*(?:-[a-z0-9]+(?:[._][a-z0-9]+)*)*/g)) {
    const word = match[0];
    if (!word.includes('-') && !word.includes('_') && !/[a-z]\.[a-z]/.test(word)) {
      tokens.push(word);
      continue;
    }
    const parts = word.split(/[-_]|(?<=[a-z])\.(?=[a-z])/).filter(Boolean);
    tokens.push(...parts);
    if (parts.length > 1) tokens.push(parts.join(''));
  }
  return tokens;
}

/** Words that carry no meaning for matching, in both languages. */
export const STOP_WORDS = new Set(
  `a an and are as at be been being but by can could did do does for from had has have how i if in into is it its
  me my of on or so than that the their them then there these this those to too was were what whats when where which
  who why will with would you your about tell explain show please s t any anyone anybody some someone somebody know
  knows actually really just also here still yet already maybe hi hello hey thanks thank tip tips idea ideas
  aber als am an auch auf aus bei bin bis bitte da das dass dem den der des die dies diese dieser dieses doch du ein
  eine einem einen einer eines er es etwas fur gibt hat hatte ich ihr im in ist ja kann konnen man mir mit nach nicht
  noch nun nur ob oder sich sie sind so uber um und uns von vor war waren was welche welcher welches wer werden
  wie wieso wir wird wo zu zum zur erklar erklare erklaren sag sage eigentlich denn mal jemand weiss kennt schon
  gerade vielleicht genau irgendwie hallo danke tipp tipps idee ideen worum ging geht gehts handelt handelte darum
  spat spater fruh heute morgen gestern jetzt bald today tomorrow yesterday now soon`.split(/\s+/),
);

/**
 * Words too generic to decide an answer on their own ("how do I install Linux"): they are
 * searched, but never count as evidence that the knowledge base knows the topic.
 */
export const GENERIC_WORDS = new Set(
  `linux kernel kernels install installieren installiere use using nutzen benutzen work works funktioniert
  new neu neue neues neuen news bring brings brought brachte bringt feature features funktion funktionen
  thing things sache good best gut version versions release releases get getting got make machen
  help hilfe problem probleme question frage windows computer pc moglichkeit moglichkeiten ahnlich ahnliche
  similar possible possibilities support unterstutzung anzahl number count viele many much`.split(/\s+/),
);

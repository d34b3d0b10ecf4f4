import { foldText } from '../shared/text.ts';
import { STOP_WORDS } from './text.ts';
import { STOPWORDS } from './stopwords.ts';

/**
 * Words that carry no topic: the everyday filler of both languages (stopwords-iso, folded like the
 * index) plus our own question phrases and chat slang ("idk", "gibts", "nowadays"), which the base never
 * contains and would otherwise count as words from elsewhere. Filler is never evidence for or against an answer.
 */
const QUESTION_FILLER = `hallo moin servus gruss grusse leute zusammen everyone folks guys anyone hi hey
  thanks thx danke dank vorab advance please bitte question frage fragen wondering wonder curious
  quick kurze kurz lol sorry sry noob newbie neu hier eigentlich genau wofur braucht brauche man
  nowadays heutzutage mittlerweile inzwischen gibts irgendwas irgendwie gesehen gelesen gehort heard
  wtf idk ppl pls plz btw imo tbh lmao omg bro dude kinda sorta basically echt krass bzw usw nen
  difference differences unterschied unterschiede versus vs explain erklaren erklart bedeutet bedeuten meaning`.split(/\s+/);

const FILLER: ReadonlySet<string> = new Set(
  [...STOPWORDS.en, ...STOPWORDS.de, ...QUESTION_FILLER]
    .map(foldText)
    .flatMap((w) => w.split(/[^a-z0-9]+/))
    .filter(Boolean)
    .concat([...STOP_WORDS]),
);

/**
 * Filler test for one knowledge base: a stop word that is also a word of an entry's name ("page" in
 * "huge zero page", "system" in "file system") is a topic word there, so it is not filler.
 */
export function fillerTest(nameWords: ReadonlySet<string>): (word: string) => boolean {
  return (word) => STOP_WORDS.has(word) || (FILLER.has(word) && !nameWords.has(word));
}

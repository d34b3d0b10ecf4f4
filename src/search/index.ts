import MiniSearch, { type AsPlainObject, type Options, type SearchResult } from 'minisearch';
import type { Area, KnowledgeEntry, Language } from '../knowledge/schema.ts';
import { createTermPipeline, type TermPipeline } from './language.ts';
import { FIELD_BOOSTS, SEARCH_FIELDS, STRONG_FIELDS, germanWords, toDocument, type SearchDocument } from './documents.ts';
import { buildNameIndex, compactKey, nameKey } from './names.ts';
import { compareVersions } from '../shared/kernel-version.ts';
import { Autocomplete, type Choice } from './autocomplete.ts';
import { NameMentions } from './mentions.ts';
import { fillerTest } from './filler.ts';
import { detectLanguage } from './detect-language.ts';
import { analyzeText, SHORT_TEXT_WORDS, type ContentWord, type QueryAnalysis } from './analyze.ts';
import { levelOf, probability, type ConfidenceLevel, type Features } from './confidence.ts';
import { capText, MAX_TYPED_CHARS } from './limits.ts';

export type { Choice, QueryAnalysis };

/** A built index as plain data (JSON-safe): MiniSearch's own form plus each term's document count. */
export interface SearchIndexData {
  index: AsPlainObject;
  frequency: [string, number][];
}

export interface SearchHit {
  entry: KnowledgeEntry;
  score: number;
  /** exact: a name matched as a whole; version: a version question; text: ranked full-text match. */
  via: 'exact' | 'version' | 'text';
  /** The calibrated probability that this entry answers the text (1 for exact names and versions). */
  probability: number;
}

export interface SearchOutcome {
  query: string;
  /** True exactly when the confidence is "answer": then `hits` holds the answer first, then entries at least at the suggest level. */
  answered: boolean;
  /** answer: public reply and Q&A suggestion. suggest: "did you mean" for the asker only. none: decline. */
  confidence: ConfidenceLevel;
  hits: SearchHit[];
  /** "Did you mean" candidates at the suggest level. */
  suggestions: SearchHit[];
  /** The known kernel version the text names. */
  version: string | null;
  areas: Area[];
}

/** Candidates the full-text ranking contributes beside the entries named in the text. */
const TEXT_CANDIDATES = 6;
const VERSION_BOOST = 1.5;
const MAX_FUZZY_WORDS = 12;
const MAX_NAMED_CANDIDATES = 8;
const MAX_SEARCHED_WORDS = 20;
/** Names and aliases are at most 100 characters; generic words around one add a little. */
const MAX_NAME_CHARS = 160;
const NAME_FIELDS = new Set(['idText', 'names']);
const MAX_MENTION_WORDS_FEATURE = 3;
const MAX_MATCHED_WORDS_FEATURE = 3;

interface Coverage {
  all: number;
  strong: number;
  names: number;
  stemOnly: number;
  /** Number of content words matched (not weighted). */
  words: number;
}

interface Candidate {
  entry: KnowledgeEntry;
  result: SearchResult | undefined;
  score: number;
  features: Features;
  probability: number;
}

/**
 * The knowledge index: exact names first, version questions, then candidates from the names a text
 * mentions and from bilingual MiniSearch ranking, each judged by a calibrated confidence model, so an
 * unanswerable question is declined instead of answered at random.
 */
export class KnowledgeSearch {
  readonly entries: readonly KnowledgeEntry[];
  readonly versions: readonly string[];
  private readonly byId: Map<string, KnowledgeEntry>;
  private readonly byVersion: Map<string, KnowledgeEntry[]>;
  private readonly names: Map<string, string>;
  private readonly pipeline: TermPipeline;
  private readonly index: MiniSearch<SearchDocument>;
  private readonly autocomplete: Autocomplete;
  private readonly mentions: NameMentions;
  private readonly isFiller: (word: string) => boolean;
  /** In how many entries each processed term occurs: how distinctive a word of a question is. */
  private readonly frequency: Map<string, number>;

  /** `built` (`indexData()` or `indexJson()` over the same entries and code) skips building the index. */
  constructor(entries: readonly KnowledgeEntry[], built?: SearchIndexData | string) {
    this.entries = entries;
    this.byId = new Map(entries.map((e) => [e.id, e]));
    this.byVersion = new Map();
    for (const entry of entries) {
      if (!entry.version) continue;
      const list = this.byVersion.get(entry.version) ?? [];
      list.push(entry);
      this.byVersion.set(entry.version, list);
    }
    this.versions = [...this.byVersion.keys()].sort(compareVersions);
    this.names = buildNameIndex(entries);
    this.pipeline = createTermPipeline(germanWords(entries));
    const { tokenize } = this.pipeline;
    // While documents are added, the terms of the current one are noted: its document frequencies
    // come from the indexing itself instead of tokenising every text a second time.
    // The knowledge base's whole vocabulary is remembered while building (the pipeline's own memo
    // is sized for questions, not for ~11,000 words) and forgotten afterwards.
    let noted: Set<string> | null = null;
    const vocabulary = new Map<string, string[] | null>();
    const processTerm = (term: string): string[] | null => {
      if (!noted) return this.pipeline.processTerm(term);
      let terms = vocabulary.get(term);
      if (terms === undefined) vocabulary.set(term, (terms = this.pipeline.processTerm(term)));
      if (terms) for (const t of terms) noted.add(t);
      return terms;
    };
    const options: Options<SearchDocument> = {
      fields: [...SEARCH_FIELDS],
      tokenize,
      processTerm,
      searchOptions: {
        boost: FIELD_BOOSTS,
        combineWith: 'OR',
        // Synonym tokens (_x) and short words are matched exactly; typos only on longer words.
        prefix: (term) => !term.startsWith('_') && term.length >= 3,
        fuzzy: (term) => (term.startsWith('_') || term.length < 5 || /\d/.test(term) ? false : 0.2),
        maxFuzzy: 2,
      },
    };
    const snapshot = typeof built === 'string' ? (JSON.parse(built) as SearchIndexData) : built;
    if (snapshot) {
      this.index = MiniSearch.loadJS<SearchDocument>(snapshot.index, options);
      this.frequency = new Map(snapshot.frequency);
    } else {
      this.index = new MiniSearch<SearchDocument>(options);
      this.frequency = new Map();
      for (const entry of entries) {
        noted = new Set();
        this.index.add(toDocument(entry));
        for (const term of noted) this.frequency.set(term, (this.frequency.get(term) ?? 0) + 1);
      }
      noted = null;
      vocabulary.clear();
    }
    this.autocomplete = new Autocomplete(entries, this.index);
    this.mentions = new NameMentions(entries, (word) => this.pipeline.stems(word));
    this.isFiller = fillerTest(this.mentions.nameWords);
  }

  /** The built index and term statistics as plain data: a start-up snapshot (see knowledge/snapshot.ts). */
  indexData(): SearchIndexData {
    return { index: this.index.toJSON(), frequency: [...this.frequency] };
  }

  /** `indexData()` as JSON. */
  indexJson(): string {
    return JSON.stringify(this.indexData());
  }

  get size(): number {
    return this.entries.length;
  }

  get(id: string): KnowledgeEntry | undefined {
    return this.byId.get(id);
  }

  entriesForVersion(version: string): KnowledgeEntry[] {
    return this.byVersion.get(version) ?? [];
  }

  releaseEntry(version: string): KnowledgeEntry | undefined {
    return this.entriesForVersion(version).find((e) => e.kind === 'release');
  }

  /** An id, a name or an alias exactly, else the answer-level top hit: how a typed /feature value resolves. */
  resolve(nameOrId: string): KnowledgeEntry | undefined {
    const typed = capText(nameOrId);
    const exact = this.byId.get(typed.trim()) ?? this.exactMatch(typed);
    if (exact) return exact;
    const outcome = this.search(typed, { limit: 1 });
    return outcome.answered ? outcome.hits[0]?.entry : undefined;
  }

  suggest(typed: string, lang: Language, limit = 25): Choice[] {
    return this.autocomplete.suggest(capText(typed, MAX_TYPED_CHARS), lang, limit);
  }

  /** The language a text is written in, when it is long enough to tell (the reply language of a post). */
  languageOf(text: string): Language | null {
    return detectLanguage(text);
  }

  /** What a text is about: folded, tokenised, names, version, areas and language, worked out once. */
  analyze(text: string): QueryAnalysis {
    return analyzeText(text, {
      pipeline: this.pipeline,
      mentions: this.mentions,
      isFiller: this.isFiller,
      documentFrequency: (term) => this.frequency.get(term) ?? 0,
      documentCount: this.entries.length,
      knownVersion: (version) => this.byVersion.has(version),
    });
  }

  search(query: string, options: { limit?: number } = {}): SearchOutcome {
    const limit = options.limit ?? 5;
    const analysis = this.analyze(query);
    const base = { query, version: analysis.version, areas: analysis.areas };
    const decline: SearchOutcome = { ...base, answered: false, confidence: 'none', hits: [], suggestions: [] };

    if (analysis.version && analysis.versionQuestion) {
      return { ...base, answered: true, confidence: 'answer', hits: this.versionHits(analysis.version, new Set(analysis.areas)).slice(0, Math.max(limit, 1)), suggestions: [] };
    }

    const candidates = this.rank(analysis);
    const exact = this.exactMatch(analysis.text);
    if (exact) {
      const rest = candidates.filter((c) => c.entry.id !== exact.id && levelOf(c.probability) !== 'none').map(toHit);
      return { ...base, answered: true, confidence: 'answer', hits: [{ entry: exact, score: Infinity, via: 'exact' as const, probability: 1 }, ...rest].slice(0, limit), suggestions: [] };
    }
    const best = candidates[0];
    if (!best) return decline;
    const level = levelOf(best.probability);
    if (level === 'answer') {
      // The answer first, then what is at least worth suggesting beside it ("also relevant").
      const hits = candidates
        .filter((c) => levelOf(c.probability) !== 'none')
        .slice(0, limit)
        .map(toHit);
      return { ...base, answered: true, confidence: 'answer', hits, suggestions: [] };
    }
    if (level === 'suggest') {
      return {
        ...decline,
        confidence: 'suggest',
        suggestions: candidates
          .filter((c) => levelOf(c.probability) !== 'none')
          .slice(0, 3)
          .map(toHit),
      };
    }
    return decline;
  }

  /**
   * Candidates for an analysed text, most probable first: every entry it names plus the best
   * full-text matches, each with its features and calibrated probability.
   */
  rank(analysis: QueryAnalysis): Candidate[] {
    const results = this.textResults(analysis);
    if (analysis.version) {
      for (const r of results) if (this.byId.get(r.id as string)?.version === analysis.version) r.score *= VERSION_BOOST;
      results.sort((a, b) => b.score - a.score);
    }
    const pool = new Map<string, SearchResult | undefined>();
    for (const r of results.slice(0, TEXT_CANDIDATES)) pool.set(r.id as string, r);
    // Every entry the text names, the most specific names first (a long post may name dozens).
    const named = [...analysis.mentions].sort((a, b) => b.words - a.words || a.start - b.start).slice(0, MAX_NAMED_CANDIDATES);
    for (const m of named)
      if (!pool.has(m.entryId))
        pool.set(
          m.entryId,
          results.find((r) => r.id === m.entryId),
        );
    // A named version always brings its release entry ("how long is Linux 5.4 supported?").
    const release = analysis.version ? this.releaseEntry(analysis.version) : undefined;
    if (release && !pool.has(release.id))
      pool.set(
        release.id,
        results.find((r) => r.id === release.id),
      );
    const topScore = results[0]?.score ?? 0;
    const candidates = [...pool].map(([id, result]) => ({ entry: this.byId.get(id)!, result, score: result?.score ?? 0 }));
    const coverages = new Map(candidates.map((c) => [c.entry.id, this.coverage(analysis, c.result)]));
    return candidates
      .map((c) => {
        const others = candidates.filter((o) => o !== c);
        const otherBest = Math.max(0, ...others.map((o) => o.score));
        const otherCoverage = Math.max(0, ...others.map((o) => coverages.get(o.entry.id)!.all));
        const features = this.features(analysis, c.entry, c.result, topScore, otherBest, otherCoverage, coverages.get(c.entry.id)!);
        return { ...c, features, probability: probability(features) };
      })
      .sort((a, b) => b.probability - a.probability || b.score - a.score);
  }

  private textResults(analysis: QueryAnalysis): SearchResult[] {
    const terms = [...searchedWords(analysis).map((w) => w.word), ...analysis.phraseTokens];
    if (analysis.version) terms.push(analysis.version);
    // Generic words only when nothing else is there ("linux kernel" alone still finds something to suggest).
    if (terms.length === 0) terms.push(...analysis.generic);
    if (terms.length === 0) return [];
    const short = analysis.content.length <= SHORT_TEXT_WORDS;
    const known = new Set(analysis.content.filter((w) => w.known).map((w) => w.word));
    const last = analysis.content.at(-1)?.word;
    // In a post, misspelled names are corrected by the mention finder; fuzzy search on every odd word
    // of a long text would cost more than it finds.
    const typosMatter = analysis.content.length <= MAX_FUZZY_WORDS;
    return this.index.search(terms.join(' '), {
      tokenize: (text) => text.split(' '),
      // A prefix only for the last word of a short query (typing "kdbu"); typos only for words the base does not know.
      prefix: (term) => short && term === last && term.length >= 3,
      fuzzy: (term) => (!typosMatter || term.startsWith('_') || term.length < 5 || /\d/.test(term) || known.has(term) ? false : 0.2),
    });
  }

  private features(analysis: QueryAnalysis, entry: KnowledgeEntry, result: SearchResult | undefined, topScore: number, otherBest: number, otherCoverage: number, coverage: Coverage): Features {
    const mention = analysis.mentions.find((m) => m.entryId === entry.id);
    const firstMention = Math.min(...analysis.mentions.map((m) => m.start));
    const score = result?.score ?? 0;
    const length = Math.min(1, Math.log1p(analysis.content.length) / Math.log(50));
    return {
      mentioned: mention ? 1 : 0,
      mentionedWithTypo: mention?.typo ? 1 : 0,
      mentionLength: mention ? Math.min(mention.words, MAX_MENTION_WORDS_FEATURE) / MAX_MENTION_WORDS_FEATURE : 0,
      mentionedFirst: mention && mention.start === firstMention ? 1 : 0,
      otherMentioned: !mention && analysis.mentions.length > 0 ? 1 : 0,
      coverage: coverage.all,
      strongCoverage: coverage.strong,
      nameCoverage: coverage.names,
      stemOnlyCoverage: coverage.stemOnly,
      matchedWords: Math.min(coverage.words, MAX_MATCHED_WORDS_FEATURE) / MAX_MATCHED_WORDS_FEATURE,
      coverageLead: coverage.all - otherCoverage,
      relativeScore: topScore > 0 ? score / topScore : 0,
      lead: Math.max(score, otherBest) > 0 ? (score - otherBest) / Math.max(score, otherBest) : 0,
      unknownShare: analysis.unknownShare,
      unknownInShortText: analysis.unknownShare * Math.max(0, 1 - length),
      length,
      versionMatch: analysis.version !== null && entry.version === analysis.version ? 1 : 0,
      otherRelease: entry.kind === 'release' && entry.version !== analysis.version ? 1 : 0,
    };
  }

  /**
   * Weighted share of the content words a result matched: whole words, stems and synonyms count 1
   * (short stems are too ambiguous across two languages to count: backe→back, Docker→dock), typos and
   * prefixes ½; separately for matches in names or summary and in names alone.
   */
  private coverage(analysis: QueryAnalysis, result: SearchResult | undefined): Coverage {
    const considered = [...searchedWords(analysis), ...analysis.content.filter((w) => !w.known)];
    const total = considered.reduce((sum, w) => sum + w.weight, 0);
    if (!result || total === 0) return { all: 0, strong: 0, names: 0, stemOnly: 0, words: 0 };
    const matched = new Map(Object.entries(result.match));
    const queried = new Set(result.queryTerms);
    let all = 0;
    let strong = 0;
    let names = 0;
    let stemOnly = 0;
    let words = 0;
    for (const word of considered) {
      let solid = false;
      let asWritten = false;
      let inStrong = false;
      let inNames = false;
      for (const term of word.forms) {
        const fields = matched.get(term);
        if (!fields || (term !== word.word && term.length < 5 && !term.startsWith('_'))) continue;
        solid = true;
        asWritten ||= term === word.word || term.startsWith('_');
        inStrong ||= fields.some((f) => STRONG_FIELDS.has(f));
        inNames ||= fields.some((f) => NAME_FIELDS.has(f));
      }
      if (solid) {
        words += 1;
        all += word.weight;
        if (!asWritten) stemOnly += word.weight;
        if (inStrong) strong += word.weight;
        if (inNames) names += word.weight;
      } else if (word.forms.some((f) => queried.has(f))) {
        all += word.weight / 2;
      }
    }
    return { all: all / total, strong: strong / total, names: names / total, stemOnly: stemOnly / total, words };
  }

  /** Whole-text name match, tried with and without generic words ("linux kernel kdbus"). */
  private exactMatch(query: string): KnowledgeEntry | undefined {
    if (query.length > MAX_NAME_CHARS) return undefined; // no name is that long: a post is never one
    for (const dropGeneric of [false, true]) {
      const key = nameKey(query, dropGeneric);
      if (!key) continue;
      const id = this.names.get(key) ?? this.names.get(compactKey(key));
      if (id) return this.byId.get(id);
    }
    return undefined;
  }

  private versionHits(version: string, areas: Set<Area>): SearchHit[] {
    const entries = this.entriesForVersion(version);
    const release = entries.filter((e) => e.kind === 'release');
    const features = entries.filter((e) => e.kind !== 'release' && (areas.size === 0 || areas.has(e.area))).sort((a, b) => a.area.localeCompare(b.area) || a.title.en.localeCompare(b.title.en));
    const ordered = [...release, ...features];
    return ordered.map((entry, i) => ({ entry, score: ordered.length - i, via: 'version' as const, probability: 1 }));
  }
}

/**
 * The words a text is searched for: all of a short question; of a long post its most distinctive
 * known words (unknown ones match nothing, and common ones only make the search slower).
 */
function searchedWords(analysis: QueryAnalysis): ContentWord[] {
  if (analysis.content.length <= MAX_SEARCHED_WORDS) return analysis.content;
  return analysis.content
    .filter((w) => w.known)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, MAX_SEARCHED_WORDS);
}

function toHit(candidate: Candidate): SearchHit {
  return { entry: candidate.entry, score: candidate.score, via: 'text', probability: candidate.probability };
}

import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import type { Area, KnowledgeEntry, Language } from '../knowledge/schema.ts';
import { createTermPipeline, type TermPipeline } from './language.ts';
import { FIELD_BOOSTS, SEARCH_FIELDS, STRONG_FIELDS, germanWords, toDocument, type SearchDocument } from './documents.ts';
import { buildNameIndex, compactKey, nameKey } from './names.ts';
import { areasInTerms, compareVersions, versionFromToken, VERSION_QUESTION_WORDS } from './versions.ts';
import { GENERIC_WORDS, STOP_WORDS, tokenizeWords } from './text.ts';
import { Autocomplete, type Choice } from './autocomplete.ts';

export type { Choice };

export interface SearchHit {
  entry: KnowledgeEntry;
  score: number;
  /** exact: a name matched as a whole; version: a version question; text: ranked full-text match. */
  via: 'exact' | 'version' | 'text';
}

export interface SearchOutcome {
  query: string;
  /** False when the knowledge base has no confident answer: then `hits` is empty. */
  answered: boolean;
  /**
   * high: a whole name, a version question, or (nearly) every meaningful word matched; enough to
   * volunteer an answer nobody asked the bot for (Q&A channels). medium: answered. none: declined.
   */
  confidence: 'high' | 'medium' | 'none';
  hits: SearchHit[];
  /** "Did you mean" candidates when not answered. */
  suggestions: SearchHit[];
  /** The known kernel version a version question asked about. */
  version: string | null;
  areas: Area[];
}

/** Share of the query's meaningful words that must match for an answer (fuzzy matches count half). */
const MIN_COVERAGE = 0.5;
const VERSION_BOOST = 1.5;
/** Stems shorter than this match, but do not count as evidence on their own. */
const MIN_STEM_EVIDENCE = 5;
/** How deep into the ranking the confidence rule looks for an answer it accepts. */
const CONFIDENT_AMONG_TOP = 3;
/** Typos count as evidence only in names and only for words this long. */
const MIN_TYPO_NAME_LENGTH = 6;
const NAME_FIELDS = new Set(['idText', 'names']);
/** Coverage from which an answer is certain enough to volunteer. */
const HIGH_COVERAGE = 0.75;

/**
 * The knowledge index: exact names first, version questions, then bilingual MiniSearch ranking
 * with a confidence rule so an unanswerable question is declined instead of answered at random.
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

  /** `indexJson` (from `indexJson()` over the same entries and code) skips building the index. */
  constructor(entries: readonly KnowledgeEntry[], indexJson?: string) {
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
    const { tokenize, processTerm } = this.pipeline;
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
    if (indexJson) {
      this.index = MiniSearch.loadJSON<SearchDocument>(indexJson, options);
    } else {
      this.index = new MiniSearch<SearchDocument>(options);
      this.index.addAll(entries.map(toDocument));
    }
    this.autocomplete = new Autocomplete(entries, this.index);
  }

  /** The built index, serialised: a start-up snapshot (see knowledge/snapshot.ts). */
  indexJson(): string {
    return JSON.stringify(this.index);
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

  /** An id, a name or an alias exactly, else the confident top answer: how a typed /feature value resolves. */
  resolve(nameOrId: string): KnowledgeEntry | undefined {
    const exact = this.byId.get(nameOrId.trim()) ?? this.exactMatch(nameOrId);
    if (exact) return exact;
    const outcome = this.search(nameOrId, { limit: 1 });
    return outcome.answered ? outcome.hits[0]?.entry : undefined;
  }

  suggest(typed: string, lang: Language, limit = 25): Choice[] {
    return this.autocomplete.suggest(typed, lang, limit);
  }

  search(query: string, options: { limit?: number } = {}): SearchOutcome {
    const limit = options.limit ?? 5;
    const allTokens = this.pipeline.tokenize(query);
    const tokens = allTokens.filter((t) => !t.startsWith('_'));
    const knownVersions = [...new Set(tokens.map(versionFromToken).filter((v): v is string => v !== null && this.byVersion.has(v)))];
    const version = knownVersions[0] ?? null;
    // Coverage counts the words a reader sees; joined hyphen forms only help matching.
    const contentTokens = tokenizeWords(query).filter((t) => !STOP_WORDS.has(t) && !GENERIC_WORDS.has(t) && !versionFromToken(t));
    const processed = tokens.flatMap((t) => this.pipeline.processTerm(t) ?? []);
    const phraseTokens = allTokens.filter((t) => t.startsWith('_'));
    const areas = [...areasInTerms([...processed, ...phraseTokens])];
    const base = { query, version, areas };

    if (version && this.isVersionQuestion(contentTokens)) {
      return { ...base, answered: true, confidence: 'high', hits: this.versionHits(version, new Set(areas)).slice(0, Math.max(limit, 1)), suggestions: [] };
    }

    const exact = this.exactMatch(query);
    if (exact) {
      const rest = this.confidentTextHits(query, contentTokens).filter((hit) => hit.entry.id !== exact.id);
      const exactHit: SearchHit = { entry: exact, score: Infinity, via: 'exact' };
      return { ...base, answered: true, confidence: 'high', hits: [exactHit, ...rest].slice(0, limit), suggestions: [] };
    }

    if (contentTokens.length === 0 && !version) return { ...base, answered: false, confidence: 'none', hits: [], suggestions: [] };

    const results = this.index.search(query);
    const hits = results.map((r) => ({ result: r, hit: { entry: this.byId.get(r.id)!, score: r.score, via: 'text' as const } }));
    if (version) {
      for (const h of hits) if (h.hit.entry.version === version) h.hit.score *= VERSION_BOOST;
      hits.sort((a, b) => b.hit.score - a.hit.score);
    }
    const meaningful = version ? [...contentTokens, version] : contentTokens;
    // The best-ranked hit the confidence rule accepts (a broad word can lift a weaker match above it).
    const assessed = hits.slice(0, limit + 4).map((h) => ({ ...h, assessment: this.assess(h.result, meaningful) }));
    const best = assessed.slice(0, CONFIDENT_AMONG_TOP).find((h) => h.assessment.confident);
    if (!best) {
      return { ...base, answered: false, confidence: 'none', hits: [], suggestions: hits.slice(0, 3).map((h) => h.hit) };
    }
    const confidence = best.assessment.coverage >= HIGH_COVERAGE ? 'high' : 'medium';
    // Beside the answer, only entries that would have been confident answers themselves.
    const others = assessed.filter((h) => h !== best && h.assessment.confident);
    return { ...base, answered: true, confidence, hits: [best, ...others].slice(0, limit).map((h) => h.hit), suggestions: [] };
  }

  /** Whole-query name match, tried with and without generic words ("linux kernel kdbus"). */
  private exactMatch(query: string): KnowledgeEntry | undefined {
    for (const dropGeneric of [false, true]) {
      const key = nameKey(query, dropGeneric);
      if (!key) continue;
      const id = this.names.get(key) ?? this.names.get(compactKey(key));
      if (id) return this.byId.get(id);
    }
    return undefined;
  }

  private isVersionQuestion(contentTokens: string[]): boolean {
    return contentTokens.every((token) => {
      if (VERSION_QUESTION_WORDS.has(token)) return true;
      const forms = this.pipeline.processTerm(token) ?? [];
      return areasInTerms(forms).size > 0;
    });
  }

  private versionHits(version: string, areas: Set<Area>): SearchHit[] {
    const entries = this.entriesForVersion(version);
    const release = entries.filter((e) => e.kind === 'release');
    const features = entries
      .filter((e) => e.kind !== 'release' && (areas.size === 0 || areas.has(e.area)))
      .sort((a, b) => a.area.localeCompare(b.area) || a.title.en.localeCompare(b.title.en));
    const ordered = [...release, ...features];
    return ordered.map((entry, i) => ({ entry, score: ordered.length - i, via: 'version' as const }));
  }

  /** Other entries worth showing beside an exact hit: only those the confidence rule would accept. */
  private confidentTextHits(query: string, meaningful: string[]): SearchHit[] {
    return this.index
      .search(query)
      .slice(0, 10)
      .filter((r) => this.assess(r, meaningful).confident)
      .map((r) => ({ entry: this.byId.get(r.id)!, score: r.score, via: 'text' as const }));
  }

  /**
   * Confidence: enough of the meaningful words match (exact or stem/prefix = 1, typo = ½), and at
   * least one solid match sits in a name or the summary, not only in the background text.
   */
  private assess(result: SearchResult, meaningful: string[]): { confident: boolean; coverage: number } {
    if (meaningful.length === 0) return { confident: false, coverage: 0 };
    const matchedTerms = Object.entries(result.match);
    let covered = 0;
    let strong = false;
    let inNames = false;
    for (const token of meaningful) {
      const forms = this.pipeline.processTerm(token) ?? [token];
      // Whole words, stems and synonyms match as they are; a prefix only counts for what was typed
      // ("kdbu" → kdbus), never for a stem ("backe" → back → backup), and short ones only in names.
      // A short stem is too ambiguous across two languages to be evidence: backe→back, Docker→dock, spät→spat.
      const solid = matchedTerms.filter(
        ([term, fields]) =>
          term === token ||
          (forms.includes(term) && (term.length >= MIN_STEM_EVIDENCE || term.startsWith('_'))) ||
          (term.startsWith(token) && (token.length >= 5 || (token.length >= 4 && fields.some((f) => NAME_FIELDS.has(f))))),
      );
      if (solid.length > 0) {
        covered += 1;
        // A short bare number ("Windows 11") proves something only in a name ("Linux 3.16").
        const evidence = /[a-z]/.test(token) || token.length >= 3 ? STRONG_FIELDS : NAME_FIELDS;
        if (solid.some(([, fields]) => fields.some((field) => evidence.has(field)))) strong = true;
        if (solid.some(([, fields]) => fields.some((field) => NAME_FIELDS.has(field)))) inNames = true;
      } else if (forms.some((f) => result.queryTerms.includes(f))) {
        covered += 0.5;
        // A long word misspelled against a name ("livepatchng", "overlyfs") is still about that entry.
        const nameTypo = token.length >= MIN_TYPO_NAME_LENGTH && matchedTerms.some(([term, fields]) => term.slice(0, 2) === token.slice(0, 2) && fields.some((f) => NAME_FIELDS.has(f)));
        if (nameTypo) strong = true;
      }
    }
    const coverage = covered / meaningful.length;
    // Exactly half of several words is enough only when what matched is one of the entry's names.
    const enough = coverage > MIN_COVERAGE || (coverage === MIN_COVERAGE && (meaningful.length === 1 || inNames));
    return { confident: strong && enough, coverage };
  }
}

import type { KnowledgeSearch, SearchOutcome } from '../../src/search/index.ts';
import type { RealUseItem } from './real-use.ts';

/** How one labelled item fared: what the bot would do, and whether that was right. */
export interface ItemResult {
  item: RealUseItem;
  outcome: SearchOutcome;
  /** An answerable item answered with a right entry among the first three hits. */
  rightInTop3: boolean;
  /** A right entry among the three best candidates whatever the confidence (ranking quality). */
  rankedInTop3: boolean;
}

export interface Figures {
  answerable: number;
  unanswerable: number;
  /** Answerable items answered with a right entry first. */
  top1: number;
  /** Answerable items answered with a right entry in the top 3. */
  top3: number;
  /** Unanswerable items not answered (declined or only suggested privately). */
  declined: number;
  /** Answerable items whose answer (first hit) was wrong. */
  wrongAnswers: number;
  /** answer/suggest/none by answerable and unanswerable. */
  confusion: Record<'answerable' | 'unanswerable', Record<'answer' | 'suggest' | 'none', number>>;
}

export function evaluate(search: KnowledgeSearch, items: readonly RealUseItem[]): ItemResult[] {
  return items.map((item) => {
    const outcome = search.search(item.text);
    const right = (ids: string[]) => item.expect !== null && ids.some((id) => item.expect!.includes(id));
    const ranked = search
      .rank(search.analyze(item.text))
      .slice(0, 3)
      .map((c) => c.entry.id);
    return {
      item,
      outcome,
      rightInTop3: outcome.answered && right(outcome.hits.slice(0, 3).map((h) => h.entry.id)),
      rankedInTop3: right(outcome.hits.length > 0 ? outcome.hits.slice(0, 3).map((h) => h.entry.id) : ranked),
    };
  });
}

export function figures(results: readonly ItemResult[]): Figures {
  const answerable = results.filter((r) => r.item.expect !== null);
  const unanswerable = results.filter((r) => r.item.expect === null);
  const confusion: Figures['confusion'] = {
    answerable: { answer: 0, suggest: 0, none: 0 },
    unanswerable: { answer: 0, suggest: 0, none: 0 },
  };
  for (const r of results) confusion[r.item.expect ? 'answerable' : 'unanswerable'][r.outcome.confidence] += 1;
  return {
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    top1: answerable.length ? answerable.filter((r) => r.outcome.answered && r.item.expect!.includes(r.outcome.hits[0]!.entry.id)).length / answerable.length : 1,
    top3: answerable.length ? answerable.filter((r) => r.rightInTop3).length / answerable.length : 1,
    declined: unanswerable.length ? unanswerable.filter((r) => !r.outcome.answered).length / unanswerable.length : 1,
    wrongAnswers: answerable.filter((r) => r.outcome.answered && !r.item.expect!.includes(r.outcome.hits[0]!.entry.id)).length,
    confusion,
  };
}

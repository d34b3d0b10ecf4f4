/**
 * Fits the confidence model on the tuning part of the labelled data and writes
 * src/search/confidence-model.json: `npm run fit`. Run it after adding labelled posts or questions
 * or changing the knowledge base's search; the held-out part is never read here.
 *
 * Logistic regression by plain gradient descent: a dozen features and a few thousand rows need no
 * library, and the runtime only evaluates the fitted weights.
 */
import { writeFileSync } from 'node:fs';
import { realKnowledge } from './knowledge.ts';
import { realUsePosts, realUseQuestions, splitOf, type RealUseItem } from './real-use.ts';
import { expectedIds, labelledQueries } from './labelled.ts';
import { FEATURES, featureVector, probability, type ConfidenceModel } from '../../src/search/confidence.ts';

/** A wrong public answer costs this many right ones: silence is better than a wrong guess. */
const WRONG_ANSWER_COST = 3;
/** On the tuning part at least this share of unanswerable items must be declined. */
const MIN_TUNING_DECLINE = 0.95;
const L2 = 0.001;
const STEPS = 4000;
const LEARNING_RATE = 0.5;

interface Row {
  x: number[];
  y: number;
}

interface Ranked {
  item: RealUseItem;
  candidates: { id: string; x: number[] }[];
}

export function tuningItems(): RealUseItem[] {
  const keyword: RealUseItem[] = labelledQueries().map((q) => ({
    set: 'questions',
    file: q.file,
    text: q.q,
    lang: q.lang,
    expect: q.expect === null ? null : expectedIds(q),
    kind: q.expect === null ? 'adjacent' : 'answerable',
    split: splitOf(q.q),
  }));
  return [...realUsePosts(), ...realUseQuestions(), ...keyword].filter((item) => item.split === 'tune');
}

function rankAll(items: RealUseItem[]): Ranked[] {
  const { search } = realKnowledge();
  return items.flatMap((item) => {
    const analysis = search.analyze(item.text);
    // Version questions and whole names are answered by rule, not by the model.
    if (analysis.versionQuestion || search.search(item.text).hits[0]?.via === 'exact') return [];
    return [{ item, candidates: search.rank(analysis).map((c) => ({ id: c.entry.id, x: featureVector(c.features) })) }];
  });
}

function fit(rows: Row[]): { weights: number[]; bias: number } {
  const n = FEATURES.length;
  const weights = new Array<number>(n).fill(0);
  let bias = 0;
  // Answerable and unanswerable rows weigh alike, whatever their numbers.
  const positives = rows.filter((r) => r.y === 1).length;
  const weightOf = (r: Row) => (r.y === 1 ? rows.length / (2 * positives) : rows.length / (2 * (rows.length - positives)));
  for (let step = 0; step < STEPS; step++) {
    const gradient = new Array<number>(n).fill(0);
    let gradientBias = 0;
    for (const row of rows) {
      let z = bias;
      for (let i = 0; i < n; i++) z += weights[i]! * row.x[i]!;
      const error = (1 / (1 + Math.exp(-z)) - row.y) * weightOf(row);
      for (let i = 0; i < n; i++) gradient[i]! += error * row.x[i]!;
      gradientBias += error;
    }
    for (let i = 0; i < n; i++) weights[i]! -= LEARNING_RATE * (gradient[i]! / rows.length + L2 * weights[i]!);
    bias -= LEARNING_RATE * (gradientBias / rows.length);
  }
  return { weights, bias };
}

interface Decision {
  item: RealUseItem;
  /** Candidates by fitted probability, best first. */
  scored: { id: string; p: number }[];
}

function decide(ranked: Ranked[], model: ConfidenceModel): Decision[] {
  return ranked.map(({ item, candidates }) => ({
    item,
    scored: candidates.map((c) => ({ id: c.id, p: probability(Object.fromEntries(FEATURES.map((f, i) => [f, c.x[i]!])) as never, model) })).sort((a, b) => b.p - a.p),
  }));
}

function chooseAnswerThreshold(decisions: Decision[]): number {
  const unanswerable = decisions.filter((d) => d.item.expect === null).length;
  let best = { threshold: 1, utility: -Infinity };
  for (let t = 0.05; t <= 0.99; t += 0.01) {
    let utility = 0;
    let answeredWrongly = 0;
    for (const d of decisions) {
      const answers = d.scored.filter((c) => c.p >= t).slice(0, 3);
      if (answers.length === 0) continue;
      const right = d.item.expect !== null && answers.some((c) => d.item.expect!.includes(c.id));
      if (right) utility += 1;
      else utility -= WRONG_ANSWER_COST;
      if (d.item.expect === null) answeredWrongly += 1;
    }
    if (unanswerable > 0 && 1 - answeredWrongly / unanswerable < MIN_TUNING_DECLINE) continue;
    if (utility > best.utility) best = { threshold: Number(t.toFixed(2)), utility };
  }
  return best.threshold;
}

/** Showing a private "did you mean" where nothing fits costs less than a wrong public answer. */
const WRONG_SUGGESTION_COST = 0.5;

/**
 * The suggest threshold: as low as suggestions (private "did you mean" buttons, and "also relevant"
 * beside an answer) still bring the right entry into the top 3 more often than they show noise.
 */
function chooseSuggestThreshold(decisions: Decision[], answer: number): number {
  let best = { threshold: answer, utility: 0 };
  for (let t = answer - 0.01; t >= 0.02; t -= 0.01) {
    let utility = 0;
    for (const d of decisions) {
      const shown = d.scored.filter((c) => c.p >= t).slice(0, 3);
      const answered = d.scored.filter((c) => c.p >= answer).slice(0, 3);
      const rightNow = d.item.expect !== null && shown.some((c) => d.item.expect!.includes(c.id));
      const rightBefore = d.item.expect !== null && answered.some((c) => d.item.expect!.includes(c.id));
      if (rightNow && !rightBefore) utility += 1;
      if (d.item.expect === null && shown.length > answered.length && answered.length === 0) utility -= WRONG_SUGGESTION_COST;
    }
    if (utility > best.utility) best = { threshold: Number(t.toFixed(2)), utility };
  }
  return best.threshold;
}

export function fitConfidenceModel(): ConfidenceModel & { fittedOn: Record<string, number> } {
  const ranked = rankAll(tuningItems());
  const rows: Row[] = ranked.flatMap(({ item, candidates }) => candidates.map((c) => ({ x: c.x, y: item.expect?.includes(c.id) ? 1 : 0 })));
  const { weights, bias } = fit(rows);
  const model: ConfidenceModel = { features: [...FEATURES], weights: weights.map((w) => Number(w.toFixed(4))), bias: Number(bias.toFixed(4)), answerThreshold: 0.5, suggestThreshold: 0.25 };
  const decisions = decide(ranked, model);
  model.answerThreshold = chooseAnswerThreshold(decisions);
  model.suggestThreshold = chooseSuggestThreshold(decisions, model.answerThreshold);
  return {
    ...model,
    fittedOn: {
      items: ranked.length,
      answerable: ranked.filter((r) => r.item.expect !== null).length,
      unanswerable: ranked.filter((r) => r.item.expect === null).length,
      candidateRows: rows.length,
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const model = fitConfidenceModel();
  const path = new URL('../../src/search/confidence-model.json', import.meta.url);
  writeFileSync(path, `${JSON.stringify(model, null, 2)}\n`);
  console.log(JSON.stringify(model, null, 2));
}

import model from './confidence-model.json' with { type: 'json' };

/**
 * Calibrated confidence: a logistic model over measurable features of a candidate answer, fitted on
 * the tuning part of the labelled real-use data (`npm run fit`, see tests/support/fit-confidence.ts),
 * with two thresholds chosen there too. Nothing here is tuned by hand to single queries.
 */
export const FEATURES = [
  /** A whole name of the entry appears in the text, as written or inflected, split or joined. */
  'mentioned',
  /** …only after correcting a misspelled word. */
  'mentionedWithTypo',
  /** How specific that name is: its words (1–3+), scaled to 0–1. */
  'mentionLength',
  /** Its name comes before any other entry's (a post's title names its topic). */
  'mentionedFirst',
  /** Another entry is named in the text and this one is not. */
  'otherMentioned',
  /** Weighted share of the text's content words this entry matches (a typo match counts half). */
  'coverage',
  /** …of those, matched in the entry's names or summary rather than its background text. */
  'strongCoverage',
  /** …matched in its names. */
  'nameCoverage',
  /** …matched only through a stem ("kostet" ~ "kostete"), not as written or as a synonym. */
  'stemOnlyCoverage',
  /** How many different content words it matched (1–3+, scaled): one shared word is thin evidence. */
  'matchedWords',
  /** Its coverage minus the best other candidate's. */
  'coverageLead',
  /** Its full-text score relative to the best candidate's. */
  'relativeScore',
  /** Its lead over the best other candidate (negative when behind). */
  'lead',
  /** Weighted share of content words the knowledge base does not know at all. */
  'unknownShare',
  /** …in a short text, where one word the base has never seen weighs most ("kdbus xyz"). */
  'unknownInShortText',
  /** How many content words the text has (log-scaled): long posts match more by chance. */
  'length',
  /** The text names a version and this entry belongs to it. */
  'versionMatch',
  /** A release entry for a text that does not name its version: releases mention everything once. */
  'otherRelease',
] as const;

type FeatureName = (typeof FEATURES)[number];
export type Features = Record<FeatureName, number>;

export interface ConfidenceModel {
  features: readonly string[];
  weights: number[];
  bias: number;
  /** At or above: a public answer (and a Q&A suggestion). */
  answerThreshold: number;
  /** At or above (and below answer): "did you mean" buttons shown only to the asker. */
  suggestThreshold: number;
}

export type ConfidenceLevel = 'answer' | 'suggest' | 'none';

export const CONFIDENCE_MODEL: ConfidenceModel = model;

export function probability(features: Features, fitted: ConfidenceModel = CONFIDENCE_MODEL): number {
  let z = fitted.bias;
  for (const [i, name] of fitted.features.entries()) z += (fitted.weights[i] ?? 0) * (features[name as FeatureName] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

export function levelOf(p: number, fitted: ConfidenceModel = CONFIDENCE_MODEL): ConfidenceLevel {
  return p >= fitted.answerThreshold ? 'answer' : p >= fitted.suggestThreshold ? 'suggest' : 'none';
}

export function featureVector(features: Features): number[] {
  return FEATURES.map((name) => features[name]);
}

/**
 * The bench's building blocks. A section is an async function that returns rows; run.ts prints
 * every section's rows as one table (or JSON). Add a section by writing one and listing it in run.ts.
 */

interface Target {
  /** The figure must be at most (≤) or at least (≥) `limit`. */
  op: '<=' | '>=';
  limit: number;
}

export interface Row {
  /** What was measured, e.g. "autocomplete p99". */
  metric: string;
  /** Data size or variant the figure belongs to, e.g. "real (90)" or "100,000". */
  scope: string;
  value: number;
  unit: string;
  /** When set, the row is checked and printed with ✓/✗. */
  target?: Target;
  /** Free text: counts, how the figure was obtained, caveats. */
  note?: string;
}

export interface SectionResult extends Row {
  section: string;
  pass: boolean | null;
}

export interface BenchContext {
  /** --quick: fewer sizes and repetitions, for trying the bench itself out. */
  quick: boolean;
  /** Progress and diagnostics; goes to stderr so --json stdout stays clean. */
  log(message: string): void;
}

export interface Section {
  /** Short id used by --only. */
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<Row[]>;
}

export function check(row: Row): boolean | null {
  if (!row.target) return null;
  return row.target.op === '<=' ? row.value <= row.target.limit : row.value >= row.target.limit;
}

import type { SectionResult } from './types.ts';

function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (unit === 'ms') {
    if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
    if (value >= 100) return `${value.toFixed(0)} ms`;
    if (value >= 10) return `${value.toFixed(1)} ms`;
    return `${value.toFixed(2)} ms`;
  }
  if (unit === 'MB') return `${value.toFixed(value >= 100 ? 0 : 1)} MB`;
  return `${value} ${unit}`;
}

function formatTarget(row: SectionResult): string {
  if (!row.target) return '';
  return `${row.target.op === '<=' ? '≤' : '≥'} ${formatValue(row.target.limit, row.unit)}`;
}

/** A plain-text table; notes go under it, numbered, so the columns stay readable. */
export function renderTable(rows: SectionResult[]): string {
  const header = ['section', 'metric', 'size', 'value', 'target', 'ok', 'note'];
  const notes: string[] = [];
  const body = rows.map((r) => {
    let noteRef = '';
    if (r.note) {
      notes.push(r.note);
      noteRef = `[${notes.length}]`;
    }
    return [r.section, r.metric, r.scope, formatValue(r.value, r.unit), formatTarget(r), r.pass === null ? '' : r.pass ? '✓' : '✗', noteRef];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(header), widths.map((w) => '─'.repeat(w)).join('  ')];
  let previous = '';
  for (const [i, b] of body.entries()) {
    const key = `${rows[i]!.section}|${rows[i]!.scope}`;
    if (previous && key !== previous) out.push('');
    previous = key;
    out.push(line(b));
  }
  if (notes.length > 0) out.push('', ...notes.map((n, i) => `[${i + 1}] ${n}`));
  return out.join('\n');
}

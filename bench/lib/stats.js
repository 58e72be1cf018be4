// Summaries of repeated runs, budgets, and the Markdown table. Pure functions (unit-tested in
// tests/unit/bench/).

/** Units of the sizes: KB = 1,000 bytes, MB = 1,000,000 bytes. */
export const KB = 1000;
export const MB = 1000 * 1000;

/**
 * @typedef {object} Figure
 * @property {string} id
 * @property {string} label
 * @property {string} unit            'ms' | 'KB' | 'MB' | 'bytes'
 * @property {number | null} median
 * @property {number | null} min
 * @property {number | null} max
 * @property {number[]} runs          the measured runs (the warm-up is not among them); [x] for a size
 * @property {number | null} budget   the figure must be ≤ budget; null = no budget
 * @property {boolean | null} withinBudget  null when there is no budget or no value
 * @property {string} note            how it was measured
 * @property {string} [group]
 */

/**
 * What a figure is made from: its runs, and `digits`, the decimals its values are rounded to (1).
 * @typedef {object} FigureInput
 * @property {string} id
 * @property {string} label
 * @property {string} unit
 * @property {number[]} runs
 * @property {number | null} [budget]
 * @property {string} [note]
 * @property {string} [group]
 * @property {number} [digits]
 */

/**
 * Median of a non-empty list (mean of the middle two for an even count).
 * @param {number[]} values
 */
export function median(values) {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = /** @type {number} */ (sorted[mid]);
  if (sorted.length % 2 === 1) return upper;
  const lower = /** @type {number} */ (sorted[mid - 1]);
  return (lower + upper) / 2;
}

/**
 * Rounds to `digits` decimals (figures are stored rounded; runs too).
 * @param {number} value
 */
export function round(value, digits = 1) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * A figure from its runs. `runs` empty (not measurable here) gives nulls and `withinBudget: null`.
 * @param {FigureInput} input
 * @returns {Figure}
 */
export function figure({ id, label, unit, runs, budget = null, note = '', group, digits = 1 }) {
  const has = runs.length > 0;
  const med = has ? round(median(runs), digits) : null;
  return {
    id,
    label,
    unit,
    median: med,
    min: has ? round(Math.min(...runs), digits) : null,
    max: has ? round(Math.max(...runs), digits) : null,
    runs: runs.map((r) => round(r, digits)),
    budget,
    withinBudget: budget === null || med === null ? null : med <= budget,
    note,
    ...(group ? { group } : {}),
  };
}

/**
 * Runs `once` `warmups + runs` times, discarding the warm-ups; returns the measured values.
 * @param {() => Promise<number>} once
 * @param {{ warmups?: number, runs?: number }} [options]
 */
export async function repeat(once, { warmups = 1, runs = 7 } = {}) {
  for (let i = 0; i < warmups; i++) await once();
  const values = [];
  for (let i = 0; i < runs; i++) values.push(await once());
  return values;
}

/**
 * @param {number | null | undefined} value
 * @param {string} unit
 */
const fmt = (value, unit) => {
  if (value === null || value === undefined) return '—';
  const text = Number.isInteger(value)
    ? value.toLocaleString('en')
    : value.toLocaleString('en', { maximumFractionDigits: 1 });
  return `${text} ${unit}`;
};

/** @param {Figure} f */
const verdict = (f) => (f.withinBudget === null ? (f.median === null ? 'n/a' : '') : f.withinBudget ? '✅' : '❌');

/** @param {string} text */
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The Markdown table: figure, median, min–max, budget, ✅/❌, note.
 * @param {Figure[]} figures
 */
export function markdownTable(figures) {
  const lines = ['| Figure | Median | Min – max | Budget | | Note |', '|---|---:|---:|---:|:-:|---|'];
  let group;
  for (const f of figures) {
    if (f.group && f.group !== group) {
      group = f.group;
      lines.push(`| **${cell(group)}** | | | | | |`);
    }
    const spread = f.runs.length > 1 ? `${fmt(f.min, '').trim()} – ${fmt(f.max, f.unit)}` : '';
    const budget = f.budget === null ? '' : `≤ ${fmt(f.budget, f.unit)}`;
    lines.push(
      `| ${cell(f.label)} | ${fmt(f.median, f.unit)} | ${spread} | ${budget} | ${verdict(f)} | ${cell(f.note)} |`,
    );
  }
  return lines.join('\n');
}

// One bench run's record: its options (runs, warm-ups, the groups asked for), the figures measured
// so far and the data results.json keeps beside them (`extra`); and the log.
import { resolve } from 'node:path';
import { figure } from './stats.js';

/** The project's root. */
export const ROOT = resolve(import.meta.dirname, '../..');

/** @typedef {import('./stats.js').Figure} Figure */
/** @typedef {import('./stats.js').FigureInput} FigureInput */
/** @typedef {Omit<FigureInput, 'runs'>} FigureSpec  a figure before it is measured */

/** @typedef {'sizes' | 'popup' | 'unlock' | 'qr' | 'fill' | 'content' | 'scale'} Group  what --only selects */

/** @typedef {{ dcl: number, toCodeInDom: number, toFrame: number }} Phases  medians of popup loads, ms */
/** @typedef {Awaited<ReturnType<typeof import('./browser.js').swHeap>>} HeapUsage */

/**
 * What results.json keeps beside the figures, in the order it is recorded.
 * @typedef {object} Extra
 * @property {import('./sizes.js').FileSize[]} [files] every file of the store build
 * @property {number} [localeWhitespace] bytes of JSON formatting in the store build's locale files
 * @property {import('./sizes.js').EntrySizes} [entries] what each entry point loads up front
 * @property {import('./bundle.js').DependencySize[]} [dependencies] each runtime dependency bundled alone
 * @property {number[]} [loadBefore] the load average before the browser sessions
 * @property {Record<string, Phases>} [phases] per popup figure
 * @property {number | null} [floorMs] the popup floor's median, which the first-code budgets are measured from
 * @property {number | null} [coldFloorMs] the same with the service worker stopped first: the cold budgets are measured from it
 * @property {HeapUsage} [swHeap10]
 * @property {{ bitrix: import('../figures/content-script.js').TracedLoad[],
 *   other: import('../figures/content-script.js').TracedLoad[] }} [contentScript] every traced load
 * @property {HeapUsage} [swHeap1000]
 * @property {{ memoryKiB: number, iterations: number, parallelism: number } | null} [kdfParams]
 * @property {string[]} [errors] the sessions that failed, and why
 */

/** @param {unknown[]} parts */
export const log = (...parts) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...parts);

/** @param {number} ms */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The message of what was thrown.
 * @param {unknown} error
 */
export const messageOf = (error) => String(error instanceof Error ? error.message : error);

/**
 * The first line of what was thrown.
 * @param {unknown} error
 */
export const firstLine = (error) => messageOf(error).split('\n')[0];

/**
 * What was thrown, with its stack when it has one.
 * @param {unknown} error
 */
export const stackOf = (error) => (error instanceof Error ? (error.stack ?? error.message) : error);

/**
 * @param {{ runs: number, warmups: number, only?: string[] }} options `only`: the groups to measure (default all)
 */
export function createBench({ runs, warmups, only }) {
  const groups = only ? new Set(only) : null;
  /** @type {Figure[]} */
  const figures = [];
  /** @type {Extra} */
  const extra = {};

  /**
   * Records a figure; a figure that could not be measured is kept with its reason.
   * @param {FigureInput} input
   */
  const add = (input) => {
    const f = figure(input);
    figures.push(f);
    log(
      `${f.label}: ${f.median ?? '—'} ${f.unit}${f.runs.length > 1 ? ` (${f.min}–${f.max})` : ''}${f.withinBudget === false ? '  OVER BUDGET' : ''}`,
    );
    return f;
  };

  /**
   * Measures a figure with `fn` (its runs); if that throws, records the figure as not measured.
   * @param {FigureSpec} spec
   * @param {() => Promise<number[]>} fn
   */
  const measure = async (spec, fn) => {
    try {
      const runs = await fn();
      return add({ ...spec, runs });
    } catch (error) {
      log(`${spec.label}: not measured: ${stackOf(error)}`);
      return add({ ...spec, runs: [], note: `Not measured: ${firstLine(error)}. ${spec.note ?? ''}`.trim() });
    }
  };

  return {
    runs,
    warmups,
    /** `repeat`'s options: the warm-ups and runs of every timed figure. */
    repeat: { warmups, runs },
    /** @param {Group} group */
    want: (group) => !groups || groups.has(group),
    figures,
    extra,
    add,
    measure,
  };
}

/** @typedef {ReturnType<typeof createBench>} Bench */

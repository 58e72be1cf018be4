// Main-thread time of an extension's content scripts, from a Chromium trace
// (categories devtools.timeline, v8, v8.execute).

export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute'];

/**
 * One event of a Chromium trace, the fields read here.
 * @typedef {object} TraceEvent
 * @property {string} name
 * @property {string} [ph]    phase: 'X' = a complete event (with ts and dur), 'M' = metadata
 * @property {number} [pid]
 * @property {number} [tid]
 * @property {number} [ts]    start, µs
 * @property {number} [dur]   duration, µs
 * @property {{ name?: string, fileName?: string, data?: { url?: string, fileName?: string } }} [args]
 */

/**
 * The script URL a trace event is about, if any (EvaluateScript, FunctionCall, v8.compile: data.url; v8.run: fileName).
 * @param {TraceEvent} event
 */
export function eventUrl(event) {
  const args = event.args;
  return args?.data?.url ?? args?.fileName ?? args?.data?.fileName ?? null;
}

/**
 * Total length of a set of [start, end) intervals, overlaps counted once.
 * @param {Array<[number, number]>} intervals
 */
export function unionLength(intervals) {
  const sorted = intervals.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  let total = 0;
  /** @type {[number, number] | null} the interval being merged */
  let current = null;
  for (const [s, e] of sorted) {
    if (current === null || s > current[1]) {
      if (current !== null) total += current[1] - current[0];
      current = [s, e];
    } else if (e > current[1]) {
      current[1] = e;
    }
  }
  if (current !== null) total += current[1] - current[0];
  return total;
}

/**
 * What scripts from `origin` (chrome-extension://<id>/) did on renderer main threads: the URLs that
 * were evaluated, and the main-thread milliseconds of every complete event attributed to one of
 * them (script evaluation with its compile, and every callback into it: event listeners, timers,
 * observers, message handlers), nested events counted once.
 * @param {TraceEvent[]} events trace events
 * @param {string} origin
 */
export function extensionScriptTime(events, origin) {
  const mainThreads = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  /** @type {Map<string, Array<[number, number]>>} */
  const byThread = new Map();
  /** @type {Set<string>} */
  const evaluated = new Set();
  for (const e of events) {
    const { ts, dur } = e;
    if (e.ph !== 'X' || typeof ts !== 'number' || typeof dur !== 'number' || !mainThreads.has(`${e.pid}:${e.tid}`))
      continue;
    const url = eventUrl(e);
    if (typeof url !== 'string' || !url.startsWith(origin)) continue;
    if (e.name === 'EvaluateScript' || e.name === 'v8.compile') evaluated.add(url);
    const key = `${e.pid}:${e.tid}`;
    const intervals = byThread.get(key) ?? [];
    intervals.push([ts, ts + dur]);
    byThread.set(key, intervals);
  }
  let micros = 0;
  for (const intervals of byThread.values()) micros += unionLength(intervals);
  return { ms: micros / 1000, evaluated: [...evaluated] };
}

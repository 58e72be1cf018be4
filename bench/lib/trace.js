// Main-thread time of an extension's content scripts, from a Chromium trace
// (categories devtools.timeline, v8, v8.execute).

export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute'];

/** The script URL a trace event is about, if any (EvaluateScript, FunctionCall, v8.compile: data.url; v8.run: fileName). */
export function eventUrl(event) {
  const args = event.args ?? {};
  return args.data?.url ?? args.fileName ?? args.data?.fileName ?? null;
}

/** Total length of a set of [start, end) intervals, overlaps counted once. */
export function unionLength(intervals) {
  const sorted = intervals.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let curStart = null;
  let curEnd = null;
  for (const [s, e] of sorted) {
    if (curEnd === null || s > curEnd) {
      if (curEnd !== null) total += curEnd - curStart;
      curStart = s;
      curEnd = e;
    } else if (e > curEnd) {
      curEnd = e;
    }
  }
  if (curEnd !== null) total += curEnd - curStart;
  return total;
}

/**
 * What scripts from `origin` (chrome-extension://<id>/) did on renderer main threads: the URLs that
 * were evaluated, and the main-thread milliseconds of every complete event attributed to one of
 * them (script evaluation with its compile, and every callback into it: event listeners, timers,
 * observers, message handlers), nested events counted once.
 * @param {any[]} events trace events
 * @param {string} origin
 */
export function extensionScriptTime(events, origin) {
  const mainThreads = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map();
  const evaluated = new Set();
  for (const e of events) {
    if (e.ph !== 'X' || typeof e.dur !== 'number' || !mainThreads.has(`${e.pid}:${e.tid}`)) continue;
    const url = eventUrl(e);
    if (typeof url !== 'string' || !url.startsWith(origin)) continue;
    if (e.name === 'EvaluateScript' || e.name === 'v8.compile') evaluated.add(url);
    const key = `${e.pid}:${e.tid}`;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push([e.ts, e.ts + e.dur]);
  }
  let micros = 0;
  for (const intervals of byThread.values()) micros += unionLength(intervals);
  return { ms: micros / 1000, evaluated: [...evaluated] };
}

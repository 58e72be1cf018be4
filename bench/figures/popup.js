// Popup (320 × 480 tab, vault unlocked): navigation start to the first visible code, at 10, 200
// and 1,000 accounts, and the floor: an extension page that already holds a code, with no script.
import { firstCodeProbe } from '../lib/probes.js';
import { median, repeat, round } from '../lib/stats.js';

/** @typedef {import('../lib/bench.js').Bench} Bench */
/** @typedef {import('../lib/browser.js').Session} Session */
/** @typedef {import('../lib/probes.js').FirstCodeWindow} FirstCodeWindow */
/** @typedef {{ dcl: number, codeInDomAt: number, firstCodeAt: number }} PopupLoad  one popup load's times, ms */

const GROUP = 'Popup (320 × 480 tab, vault unlocked)';

/**
 * The floor: an extension page with no script at all whose HTML already holds one code row, in the
 * bench's copy of the build only (it is never part of the extension).
 */
export const FLOOR_FILE = 'bench-floor.html';
export const FLOOR_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head><body><ul><li data-account-id="x"><button class="code">123 456</button></li></ul></body></html>';

/**
 * The floor drawn by a script: the same code row, put in by a module script of its own file with
 * nothing else to do (no message, no framework). What any extension page whose codes come from its
 * script pays here before its own work (also in the bench's copy of the build only).
 */
export const FLOOR_SCRIPT_FILES = {
  'bench-floor-script.html':
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title><script type="module" src="/bench-floor-script.js"></script></head><body></body></html>',
  'bench-floor-script.js':
    'document.body.insertAdjacentHTML(\'beforeend\', \'<ul><li data-account-id="x"><button class="code">123 456</button></li></ul>\');\n',
};

const NOTE =
  "page.goto(popup.html) in a new 320×480 tab; navigation start (the page's performance.now() = 0) to the frame after the first row's code button with digits is in the DOM and in view (requestAnimationFrame, then the next task).";

/**
 * One popup load in a 320 × 480 tab: navigation start to the first visible code. Also keeps the
 * phases (navigation timing's DOMContentLoaded, code in the DOM) in `phases`.
 * @param {Session} session
 * @param {PopupLoad[]} [phases]
 */
export async function popupFirstCode(session, phases = [], file = 'popup.html', { cold = false } = {}) {
  const page = await session.browser.newPage();
  try {
    await page.setViewport({ width: 320, height: 480 });
    await page.evaluateOnNewDocument(firstCodeProbe);
    if (cold) await session.stopWorker();
    await page.goto(`chrome-extension://${session.id}/${file}`, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => /** @type {FirstCodeWindow} */ (window).__bench?.firstCodeAt != null, {
      timeout: 30_000,
      polling: 20,
    });
    const state = await page.evaluate(() => ({
      .../** @type {FirstCodeWindow} */ (window).__bench,
      dcl:
        /** @type {PerformanceNavigationTiming | undefined} */ (performance.getEntriesByType('navigation')[0])
          ?.domContentLoadedEventStart ?? null,
    }));
    const { dcl, codeInDomAt, firstCodeAt } = state;
    if (dcl == null || codeInDomAt == null || firstCodeAt == null)
      throw new Error(`popup load without its times: ${JSON.stringify(state)}`);
    phases.push({ dcl, codeInDomAt, firstCodeAt });
    return firstCodeAt;
  } finally {
    await page.close();
  }
}

/**
 * "Of which": medians of the phases of popup loads (kept in extra.phases[id] too).
 * @param {Bench} bench
 * @param {PopupLoad[]} phases
 * @param {string} id
 */
function phaseNote(bench, phases, id) {
  if (phases.length === 0) return '';
  /** @param {(p: PopupLoad) => number} f */
  const m = (f) => round(median(phases.map(f)));
  bench.extra.phases ??= {};
  bench.extra.phases[id] = {
    dcl: m((p) => p.dcl),
    toCodeInDom: m((p) => p.codeInDomAt - p.dcl),
    toFrame: m((p) => p.firstCodeAt - p.codeInDomAt),
  };
  return ` Phases (medians): navigation start → DOMContentLoaded (page and its module scripts loaded and run) ${m((p) => p.dcl)} ms; → code in the DOM ${m((p) => p.codeInDomAt - p.dcl)} ms; → next frame ${m((p) => p.firstCodeAt - p.codeInDomAt)} ms.`;
}

/**
 * A first-code figure: `bench.repeat` popup loads of `file`, with the phases in the note.
 * @param {Bench} bench
 * @param {Session} session
 * @param {import('../lib/bench.js').FigureSpec} spec
 */
async function firstCodeFigure(bench, session, spec, file = 'popup.html', options = {}) {
  /** @type {PopupLoad[]} */
  const phases = [];
  const f = await bench.measure(spec, () => repeat(() => popupFirstCode(session, phases, file, options), bench.repeat));
  f.note += phaseNote(bench, phases.slice(bench.warmups), spec.id);
  return f;
}

/**
 * popup-10 and popup-floor, with the vault at 10 accounts.
 * @param {Bench} bench
 * @param {Session} session
 */
export async function measurePopup10(bench, session) {
  const floor = await firstCodeFigure(
    bench,
    session,
    {
      group: GROUP,
      id: 'popup-floor',
      label: '… floor: a static extension page already holding one code, same measure',
      unit: 'ms',
      note: `${FLOOR_FILE}, added to the bench's copy of the build only: no script, no messages; what a new tab costs here before any popup code runs. No budget.`,
    },
    FLOOR_FILE,
  );
  bench.extra.floorMs = floor.median;
  await firstCodeFigure(
    bench,
    session,
    {
      group: GROUP,
      id: 'popup-floor-script',
      label: '… floor drawn by one module script',
      unit: 'ms',
      note: "bench-floor-script.html: no code in the page's HTML; a module script (its own file, in the head) puts the floor's row in when it runs. What an extension page whose codes come from its script pays here before doing any work of its own. No budget.",
    },
    'bench-floor-script.html',
  );
  await firstCodeFigure(bench, session, {
    group: GROUP,
    id: 'popup-10',
    label: 'Popup: first code, 10 accounts',
    unit: 'ms',
    budget: floorBudget(bench),
    note: `${NOTE}${FLOOR_NOTE}`,
  });
  const coldFloor = await firstCodeFigure(
    bench,
    session,
    {
      group: GROUP,
      id: 'popup-floor-cold',
      label: '… floor, service worker stopped first',
      unit: 'ms',
      note: `As the floor, each load after ${COLD}. The floor sends no message, so this shows what stopping the worker costs a page that does not need it. No budget.`,
    },
    FLOOR_FILE,
    { cold: true },
  );
  bench.extra.coldFloorMs = coldFloor.median;
  await coldFirstCodeFigure(bench, session, 'popup-10-cold', 'Popup: first code, 10 accounts, service worker stopped');
}

/** How the cold figures stop the worker. */
const COLD =
  "the extension's service worker was stopped (puppeteer WebWorker.close(), its target gone), as Chromium stops it after 30 s without events: the popup's first message starts it, which reads the unlocked key from session storage";

/**
 * A first-code figure with the service worker stopped before each load; budget: the cold floor + 40 ms.
 * @param {Bench} bench
 * @param {Session} session
 * @param {string} id
 * @param {string} label
 */
async function coldFirstCodeFigure(bench, session, id, label) {
  const floorMs = bench.extra.coldFloorMs;
  await firstCodeFigure(
    bench,
    session,
    {
      group: GROUP,
      id,
      label,
      unit: 'ms',
      budget: typeof floorMs === 'number' ? round(floorMs + 40) : undefined,
      note: `As the warm figure, each load after ${COLD}. Budget: the cold floor's median in this run plus 40 ms.`,
    },
    'popup.html',
    { cold: true },
  );
}

/** Issue 15's budget: within 15 ms of the floor measured in the same run. */
const FLOOR_NOTE = " Budget: the floor's median in this run plus 15 ms.";
/** @param {Bench} bench */
const floorBudget = (bench) => (typeof bench.extra.floorMs === 'number' ? round(bench.extra.floorMs + 15) : undefined);

/**
 * popup-200, with the vault at 200 accounts.
 * @param {Bench} bench
 * @param {Session} session
 */
export async function measurePopup200(bench, session) {
  await firstCodeFigure(bench, session, {
    group: GROUP,
    id: 'popup-200',
    label: 'Popup: first code, 200 accounts',
    unit: 'ms',
    budget: floorBudget(bench),
    note: `As at 10 accounts.${FLOOR_NOTE}`,
  });
}

/**
 * popup-1000, with the vault at 1,000 accounts.
 * @param {Bench} bench
 * @param {Session} session
 */
export async function measurePopup1000(bench, session) {
  await firstCodeFigure(bench, session, {
    group: GROUP,
    id: 'popup-1000',
    label: 'Popup: first code, 1,000 accounts',
    unit: 'ms',
    budget: floorBudget(bench),
    note: `As at 10 accounts.${FLOOR_NOTE}`,
  });
  await coldFirstCodeFigure(
    bench,
    session,
    'popup-1000-cold',
    'Popup: first code, 1,000 accounts, service worker stopped',
  );
}

// Content script: its main-thread time and the bytes it injects on the Bitrix OTP step, and that
// nothing is injected on a page that is no portal; from Chromium traces of the page loads.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from '../lib/bench.js';
import { clearCookies } from '../lib/browser.js';
import { KB, repeat } from '../lib/stats.js';
import { extensionScriptTime, TRACE_CATEGORIES } from '../lib/trace.js';

/** @typedef {import('../lib/bench.js').Bench} Bench */
/** @typedef {import('../lib/browser.js').Session} Session */
/** @typedef {import('../../tests/portal/server.js').Portal} Portal */
/** @typedef {import('../lib/fixtures.js').PageServer} PageServer */
/** @typedef {import('puppeteer-core').Page} Page */
/**
 * One traced page load: the extension's main-thread ms, the bytes of its files evaluated, the
 * files (URLs) and its realms on the page.
 * @typedef {{ ms: number, bytes: number, evaluated: string[], realms: number }} TracedLoad
 */
/**
 * Loads a page; calls `traced` around the part of the load to trace, which returns its events.
 * @typedef {(page: Page, traced: (go: () => Promise<void>) => Promise<import('../lib/trace.js').TraceEvent[]>) =>
 *   Promise<import('../lib/trace.js').TraceEvent[]>} TracedLoader
 */

const GROUP = 'Content script';

/**
 * Traces a page load; the extension's scripts on it: main-thread ms, files evaluated, realms.
 * @param {Session} session
 * @param {string} buildDir the installed build (for the files' sizes)
 * @param {TracedLoader} load
 * @returns {Promise<TracedLoad>}
 */
async function traceLoad(session, buildDir, load) {
  const page = await session.browser.newPage();
  try {
    const events = await load(page, async (go) => {
      await page.tracing.start({ categories: TRACE_CATEGORIES });
      await go();
      await sleep(1000); // observers, timers and replies after the load
      const buf = await page.tracing.stop();
      if (!buf) throw new Error('the trace is empty');
      const trace = JSON.parse(Buffer.from(buf).toString('utf8'));
      return trace.traceEvents ?? trace;
    });
    const origin = `chrome-extension://${session.id}/`;
    const { ms, evaluated } = extensionScriptTime(events, origin);
    const bytes = evaluated.reduce((n, url) => n + statSync(join(buildDir, url.slice(origin.length))).size, 0);
    const realms = page.extensionRealms().filter((r) => r.origin === origin.slice(0, -1)).length;
    return { ms, bytes, evaluated, realms };
  } finally {
    await page.close();
  }
}

/**
 * cs-main-thread, cs-bytes-bitrix and cs-bytes-other; every traced load goes to extra.contentScript.
 * @param {Bench} bench
 * @param {Session} session
 * @param {string} buildDir
 * @param {Portal} portal
 * @param {PageServer} pages
 */
export async function measureContentScript(bench, session, buildDir, portal, pages) {
  /** @type {TracedLoad[]} */
  const bitrixRuns = [];
  /** @type {TracedLoad[]} */
  const otherRuns = [];
  await bench.measure(
    {
      group: GROUP,
      id: 'cs-main-thread',
      label: 'Content script main-thread time, Bitrix OTP step',
      unit: 'ms',
      note: "Chromium trace (devtools.timeline, v8) of the OTP step's load, from the password submit until 1 s after the fill button appears: union of the main-thread events attributed to chrome-extension:// scripts (EvaluateScript with its compile, FunctionCall for every listener, timer, observer and message callback). Promise continuations are not attributed to a URL in a trace and are not counted. No budget set.",
    },
    () =>
      repeat(async () => {
        const result = await traceLoad(session, buildDir, async (page, traced) => {
          await clearCookies(session.browser);
          await page.goto(`${portal.url}/auth/`);
          await page.type('input[name="USER_LOGIN"]', 'bench');
          await page.type('input[name="USER_PASSWORD"]', 'bench-pw');
          return traced(async () => {
            await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
            await page.waitForSelector('b24a-fill', { timeout: 10_000 });
          });
        });
        if (result.realms < 1) throw new Error('no content-script realm on the OTP step');
        bitrixRuns.push(result);
        return result.ms;
      }, bench.repeat),
  );
  const last = bitrixRuns.at(-1);
  bench.add({
    group: GROUP,
    id: 'cs-bytes-bitrix',
    label: 'Bytes injected on a Bitrix page',
    unit: 'KB',
    budget: 15,
    runs: last ? [last.bytes / KB] : [],
    note: last
      ? `Files the trace shows evaluated from the extension on the OTP step: ${last.evaluated.map((u) => u.split('/').slice(3).join('/')).join(', ')}; ${last.realms} extension realm(s) (page.extensionRealms()). Raw bytes on disk.`
      : 'Not measured.',
  });
  await bench.measure(
    {
      group: GROUP,
      id: 'cs-bytes-other',
      label: 'Bytes injected on a non-Bitrix page',
      unit: 'bytes',
      budget: 0,
      digits: 0,
      note: 'http://other.test/ (a host the extension was not granted): extension realms from page.extensionRealms() and extension scripts evaluated in a trace of the load; both must be none. Three runs, no warm-up.',
    },
    () =>
      repeat(
        async () => {
          const result = await traceLoad(session, buildDir, async (page, traced) =>
            traced(async () => {
              await page.goto(`http://other.test:${pages.port}/plain.html`);
            }),
          );
          otherRuns.push(result);
          if (result.realms > 0 && result.bytes === 0)
            throw new Error(`${result.realms} extension realm(s) on a non-Bitrix page`);
          return result.bytes;
        },
        { warmups: 0, runs: 3 },
      ),
  );
  bench.extra.contentScript = { bitrix: bitrixRuns, other: otherRuns };
}

// QR decoding: a 164 px QR code from the page's DOM (the probe's session), and a full visible-tab
// capture at 1920 × 1080, device pixel ratio 1 and 2 (a browser session each).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { log, messageOf, ROOT, sleep, stackOf } from '../lib/bench.js';
import { launchWithExtension, loadProbe, openActionPopup } from '../lib/browser.js';
import { QR_TEXT } from '../lib/fixtures.js';
import { readImagePixels, swCaptureAndScan, swScanPixels } from '../lib/probes.js';
import { median, round } from '../lib/stats.js';

/** @typedef {import('../lib/bench.js').Bench} Bench */
/** @typedef {import('../lib/browser.js').Session} Session */
/** @typedef {import('../lib/fixtures.js').PageServer} PageServer */

const GROUP = 'QR decoding';

/**
 * The popup's scan-tab message for the tab at `pattern`, `warmups + runs` times from the popup
 * itself, `gapMs` apart; the measured times. Throws unless the last reply found the account in
 * `expectSource`.
 * @param {Bench} bench
 * @param {import('puppeteer-core').Page} popup
 * @param {string} pattern
 * @param {number} gapMs
 * @param {'page' | 'capture'} expectSource
 * @param {{ ms: number }} [firstScan] gets the time of one scan made with the offscreen document closed first
 */
async function scanTabRuns(bench, popup, pattern, gapMs, expectSource, firstScan = { ms: 0 }) {
  const { times, last, first } = await popup.evaluate(
    async (urlPattern, warmups, runs, gap, expected) => {
      const [tab] = await chrome.tabs.query({ url: urlPattern });
      if (!tab) throw new Error(`no tab at ${urlPattern}`);
      const out = [];
      // The first scan after the offscreen document closed (15 s after the last scan) opens it.
      await chrome.offscreen.closeDocument().catch(() => undefined);
      if (gap) await new Promise((r) => setTimeout(r, gap));
      const f0 = performance.now();
      let reply = await chrome.runtime.sendMessage({ type: 'scan-tab', tabId: tab.id });
      const first = performance.now() - f0;
      if (!reply?.ok || reply.source !== expected) throw new Error(`first scan-tab: ${JSON.stringify(reply)}`);
      for (let i = 0; i < warmups + runs; i++) {
        if (gap) await new Promise((r) => setTimeout(r, gap));
        const t0 = performance.now();
        reply = await chrome.runtime.sendMessage({ type: 'scan-tab', tabId: tab.id });
        if (i >= warmups) out.push(performance.now() - t0);
      }
      return { times: out, last: reply, first };
    },
    pattern,
    bench.warmups,
    bench.runs,
    gapMs,
    expectSource,
  );
  if (!last?.ok) throw new Error(`scan-tab: ${JSON.stringify(last)}`);
  if (last.source !== expectSource || last.findings?.[0]?.kind !== 'account')
    throw new Error(`scan-tab found ${JSON.stringify(last)}`);
  firstScan.ms = first;
  return times;
}

const OFFSCREEN_NOTE = 'The runs find the offscreen document open (it stays 15 s after a scan). No budget.';
/** @param {number} ms */
const firstScanNote = (ms) =>
  ms > 0 ? ` One scan with the document closed first (what a first scan pays to open it): ${round(ms)} ms.` : '';

/**
 * qr-dom-decode, qr-dom-jsqr, qr-dom-read and qr-dom-scan-tab: the QR <img> on a page of the
 * bench's server, decoded by the probe in the service worker, and scan-tab end to end.
 * @param {Bench} bench
 * @param {Session} session
 * @param {import('puppeteer-core').WebWorker} worker the service worker, with the probe loaded
 * @param {PageServer} pages
 */
export async function measureQrDom(bench, session, worker, pages) {
  const page = await session.browser.newPage();
  await page.goto(`http://qr.test:${pages.port}/qr-dom.html`);
  await page.waitForFunction(() => document.querySelector('img')?.complete);
  const pixels = await page.evaluate(readImagePixels);
  /** @type {number[]} */
  const readRuns = [];
  /** @type {number | null} */
  let coldDom = null;
  /** @type {number[]} */
  let jsqrDom = [];
  for (let i = 0; i < bench.warmups + bench.runs; i++) {
    const { readMs } = await page.evaluate(readImagePixels);
    if (i >= bench.warmups) readRuns.push(readMs);
  }
  const decode = await bench.measure(
    {
      group: GROUP,
      id: 'qr-dom-decode',
      label: "Decode a 164 px QR from the page's DOM (scanImage)",
      unit: 'ms',
      budget: 30,
      note: "The <img>'s exact pixels (164×164, read through a canvas as the extension reads them) decoded by lib/qr scanImage in the service worker (the probe: the same sources bundled by Vite; the extension itself decodes in its offscreen document, Firefox in its background page). Decode only.",
    },
    async () => {
      const { times, first, text, jsqrTimes } = await worker.evaluate(
        swScanPixels,
        pixels.data,
        pixels.width,
        pixels.height,
        bench.warmups,
        bench.runs,
      );
      if (text !== QR_TEXT) throw new Error(`decoded ${JSON.stringify(text)}`);
      coldDom = first ?? null;
      jsqrDom = jsqrTimes;
      return times;
    },
  );
  if (coldDom !== null)
    decode.note += ` First call in a fresh context (the discarded warm-up, JIT cold): ${round(coldDom)} ms — what a user's first scan after the worker starts pays.`;
  bench.add({
    group: GROUP,
    id: 'qr-dom-jsqr',
    label: '… jsQR alone on the same pixels',
    unit: 'ms',
    runs: jsqrDom,
    note: 'jsQR(data, 164, 164) from the same probe, after the scanImage runs (so warm): the share of the decode that is jsQR itself. No budget.',
  });
  bench.add({
    group: GROUP,
    id: 'qr-dom-read',
    label: "… reading the image's pixels in the page (canvas)",
    unit: 'ms',
    runs: readRuns,
    note: 'drawImage + getImageData of the 164 px <img> in the page. No budget.',
  });
  const firstScan = { ms: 0 };
  const scanTab = await bench.measure(
    {
      group: GROUP,
      id: 'qr-dom-scan-tab',
      label: '… end to end: scan-tab message from the popup (source "page")',
      unit: 'ms',
      note: `chrome.runtime.sendMessage({type:"scan-tab"}) from the action popup to the reply: executeScript in the tab, pixels as base64, decode in the offscreen document, classify. ${OFFSCREEN_NOTE}`,
    },
    async () => {
      const popup = await openActionPopup(session, page);
      return scanTabRuns(bench, popup, 'http://qr.test/*', 0, 'page', firstScan);
    },
  );
  scanTab.note += firstScanNote(firstScan.ms);
  await page.close();
}

/** Whether the extension's decoder (as it is in the tree) passes the capture's pixel ratio to scanImage. */
function scanTabPassesRatio() {
  try {
    return /scanImage\([^)]*devicePixelRatio/.test(readFileSync(join(ROOT, 'entrypoints/shared/qr-scan.ts'), 'utf8'));
  } catch {
    return false;
  }
}

/** The height of the browser's own UI above the tab, learnt from the first window (--window-size is the whole window). */
let chromeUiHeight = 87;

/**
 * A browser whose tab on the bench's full-screen QR page is 1920 × 1080 CSS px at `dpr`.
 * @param {string} buildDir
 * @param {PageServer} pages
 * @param {number} dpr
 */
async function fullTabSession(buildDir, pages, dpr) {
  for (let attempt = 0; ; attempt++) {
    const session = await launchWithExtension(buildDir, {
      defaultViewport: null,
      args: [
        `--window-size=1920,${1080 + chromeUiHeight}`,
        ...(dpr !== 1 ? [`--force-device-scale-factor=${dpr}`] : []),
      ],
    });
    const page = await session.browser.newPage();
    await page.goto(`http://qr.test:${pages.port}/qr-tab.html`);
    const [w, h, ratio] = await page.evaluate(() => [innerWidth, innerHeight, devicePixelRatio]);
    if (w === 1920 && h === 1080 && ratio === dpr) return { session, page };
    await session.close();
    if (attempt > 1) throw new Error(`could not get a 1920×1080 tab at DPR ${dpr} (got ${w}×${h} at ${ratio})`);
    chromeUiHeight += 1080 - (h ?? 1080);
  }
}

/**
 * qr-tab-dpr<dpr>-decode, -decode-no-options, -capture and -scan-tab, in a browser of their own.
 * @param {Bench} bench
 * @param {string} buildDir
 * @param {PageServer} pages
 * @param {string} probe the probe script
 * @param {1 | 2} dpr
 */
export async function measureQrFullTab(bench, buildDir, pages, probe, dpr) {
  log(`session ${dpr === 1 ? 'B' : 'C'}: full-tab capture at 1920×1080, DPR ${dpr}`);
  const { session, page } = await fullTabSession(buildDir, pages, dpr);
  try {
    const worker = await loadProbe(session, probe);
    await page.waitForFunction(() => document.fonts.ready.then(() => true));
    const popup = await openActionPopup(session, page);
    /** @type {Awaited<ReturnType<typeof swCaptureAndScan>>[]} */
    const runs = [];
    /** @type {number | null} */
    let cold = null;
    for (let i = 0; i < bench.warmups + bench.runs; i++) {
      await sleep(600); // captureVisibleTab allows two calls a second
      const r = await worker.evaluate(swCaptureAndScan, 'http://qr.test/*');
      if (r.text !== QR_TEXT)
        throw new Error(`decoded ${JSON.stringify(r.text)} from the ${r.width}×${r.height} capture`);
      if (i === 0) cold = r.decode;
      if (i >= bench.warmups) runs.push(r);
    }
    const [first] = runs;
    if (!first) throw new Error('no measured runs');
    const size = `${first.width}×${first.height}`;
    const passes = scanTabPassesRatio();
    bench.add({
      group: GROUP,
      id: `qr-tab-dpr${dpr}-decode`,
      label: `Decode a full visible-tab capture, 1920×1080 at DPR ${dpr}`,
      unit: 'ms',
      budget: dpr === 1 ? 250 : null,
      runs: runs.map((r) => r.decode),
      note: `A ${size} PNG from chrome.tabs.captureVisibleTab (the 164 CSS px QR is a CSS background, so only the capture shows it), decoded by the probe in the service worker by lib/qr scanImage(image, { devicePixelRatio: ${round(first.scale, 2)} }) — capture width / tab width, ${passes ? 'as entrypoints/shared/qr-scan.ts (the offscreen document) calls it' : 'NOTE: entrypoints/shared/qr-scan.ts no longer seems to pass devicePixelRatio; see the next row for the call without options'}. Decode only.${cold !== null && bench.warmups > 0 ? ` First call (JIT cold, the discarded warm-up): ${round(cold)} ms.` : ''}${dpr === 1 ? '' : ' No budget set for DPR 2.'}`,
    });
    bench.add({
      group: GROUP,
      id: `qr-tab-dpr${dpr}-decode-no-options`,
      label: `… the same capture, scanImage(image) without options`,
      unit: 'ms',
      runs: runs.map((r) => r.decodeNoOptions),
      note: `Finder patterns searched at full resolution${runs.every((r) => r.textNoOptions === QR_TEXT) ? '' : ' (did not always find the code)'}. No budget.`,
    });
    bench.add({
      group: GROUP,
      id: `qr-tab-dpr${dpr}-capture`,
      label: `… capture + pixels at DPR ${dpr}`,
      unit: 'ms',
      runs: runs.map((r) => r.capture + r.pixels),
      note: `captureVisibleTab (PNG) ${round(median(runs.map((r) => r.capture)))} ms + ImageBitmap/OffscreenCanvas to RGBA ${round(median(runs.map((r) => r.pixels)))} ms (medians). No budget.`,
    });
    const firstScan = { ms: 0 };
    const scanTab = await bench.measure(
      {
        group: GROUP,
        id: `qr-tab-dpr${dpr}-scan-tab`,
        label: `… end to end: scan-tab from the popup at DPR ${dpr} (source "capture")`,
        unit: 'ms',
        note: `The popup's scan-tab message to its reply: executeScript finds no <img>/<canvas>, then capture, pixels and decode in the offscreen document. ${OFFSCREEN_NOTE}`,
      },
      () => scanTabRuns(bench, popup, 'http://qr.test/*', 600, 'capture', firstScan),
    );
    scanTab.note += firstScanNote(firstScan.ms);
  } catch (error) {
    bench.add({
      group: GROUP,
      id: `qr-tab-dpr${dpr}-decode`,
      label: `Decode a full visible-tab capture, 1920×1080 at DPR ${dpr} (scanImage)`,
      unit: 'ms',
      budget: dpr === 1 ? 250 : null,
      runs: [],
      note: `Not measured: ${messageOf(error)}`,
    });
    log(stackOf(error));
  } finally {
    await session.close();
  }
}

#!/usr/bin/env node
// `npm run bench` (= npm run build && npm run build:demo && node bench/run.js): measures the built
// extension in headless Chromium on this machine and writes bench/results.json and bench/RESULTS.md.
//
//   node bench/run.js [--runs 11] [--warmups 1] [--only sizes,popup,unlock,qr,fill,content,scale] [--no-zip]
//
// Every timed figure is the median of --runs measured runs after --warmups discarded ones, with min
// and max. With --only, nothing is written unless --write is given too.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startPortal } from '../tests/portal/server.js';
import { launchWithExtension, must } from './lib/browser.js';
import { dependencySizes, probeScript } from './lib/bundle.js';
import { otpauthList, qr164, QR_TEXT, recoveryCodes, startPageServer } from './lib/fixtures.js';
import { fillProbe, firstCodeProbe, readImagePixels, swCaptureAndScan, swKdf, swScanPixels } from './lib/probes.js';
import { entrySizes, fileTable } from './lib/sizes.js';
import { figure, markdownTable, median, repeat, round } from './lib/stats.js';
import { extensionScriptTime, TRACE_CATEGORIES } from './lib/trace.js';

const ROOT = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '11' },
    warmups: { type: 'string', default: '1' },
    only: { type: 'string' },
    write: { type: 'boolean', default: false },
    'no-zip': { type: 'boolean', default: false },
  },
});
const RUNS = Number(args.runs);
const WARMUPS = Number(args.warmups);
const GROUPS = args.only ? new Set(args.only.split(',')) : null;
const want = (group) => !GROUPS || GROUPS.has(group);
const WRITE = !GROUPS || args.write;
const REPEAT = { warmups: WARMUPS, runs: RUNS };

const PASSWORD = 'correct horse battery staple 2026';
const FILL_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const KB = 1000;
const MB = 1000 * 1000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...parts) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...parts);
const b64 = (text) => Buffer.from(text, 'utf8').toString('base64');

/** @type {import('./lib/stats.js').Figure[]} */
const figures = [];
const extra = {};
/** Records a figure; a figure that could not be measured is kept with its reason. */
function add(input) {
  const f = figure(input);
  figures.push(f);
  log(
    `${f.label}: ${f.median ?? '—'} ${f.unit}${f.runs.length > 1 ? ` (${f.min}–${f.max})` : ''}${f.withinBudget === false ? '  OVER BUDGET' : ''}`,
  );
  return f;
}
async function measure(input, fn) {
  try {
    const runs = await fn();
    return add({ ...input, runs });
  } catch (error) {
    log(`${input.label}: not measured: ${error?.stack ?? error}`);
    return add({
      ...input,
      runs: [],
      note: `Not measured: ${String(error?.message ?? error).split('\n')[0]}. ${input.note ?? ''}`.trim(),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Sizes of the store build

function runZip() {
  log('npx wxt zip (store build for Chromium + zip)');
  execFileSync('npx', ['wxt', 'zip'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const zips = readdirSync(join(ROOT, '.output'))
    .filter((f) => f.endsWith('-chrome.zip'))
    .map((f) => join(ROOT, '.output', f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (zips.length === 0) throw new Error('wxt zip wrote no *-chrome.zip');
  return zips[0];
}

async function sizes() {
  const group = 'Sizes (store build for Chromium, .output/chrome-mv3; KB = 1,000 bytes)';
  let zipPath = null;
  let zipError = null;
  if (!args['no-zip']) {
    try {
      zipPath = runZip();
    } catch (error) {
      zipError = error;
    }
  } else {
    zipPath =
      readdirSync(join(ROOT, '.output'))
        .filter((f) => f.endsWith('-chrome.zip'))
        .map((f) => join(ROOT, '.output', f))[0] ?? null;
  }
  const dir = join(ROOT, '.output/chrome-mv3');
  const entries = entrySizes(dir);
  const table = fileTable(dir);
  extra.files = table.files;
  // Bytes of JSON formatting in the locale files (what minifying them would save).
  extra.localeWhitespace = 0;
  for (const f of table.files.filter((x) => x.path.startsWith('_locales/') && x.path.endsWith('.json'))) {
    try {
      extra.localeWhitespace +=
        f.raw - Buffer.byteLength(JSON.stringify(JSON.parse(readFileSync(join(dir, f.path), 'utf8'))));
    } catch {
      // not JSON: not counted
    }
  }
  extra.entries = Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, v]));
  log('bundling each dependency alone (Vite) to see what the bundles are made of');
  extra.dependencies = await dependencySizes(ROOT);
  const kb = (n) => n / KB;
  const list = (files) => files.join(' + ');
  add({
    group,
    id: 'size-popup-js',
    label: 'Popup JS, gzip -9 (entry + chunks it imports)',
    unit: 'KB',
    runs: [kb(entries.popupJs.gzip)],
    budget: 40,
    note: `${list(entries.popupJs.files)}; raw ${round(kb(entries.popupJs.raw))} KB`,
  });
  add({
    group,
    id: 'size-background',
    label: 'Service worker, gzip -9 (background.js + chunks it imports)',
    unit: 'KB',
    runs: [kb(entries.background.gzip)],
    budget: 40,
    note: `${list(entries.background.files)}; raw ${round(kb(entries.background.raw))} KB`,
  });
  add({
    group,
    id: 'size-content-script',
    label: 'Content script, raw',
    unit: 'KB',
    runs: [kb(entries.contentScript.raw)],
    budget: 15,
    note: `${list(entries.contentScript.files)}; gzip -9 ${round(kb(entries.contentScript.gzip))} KB`,
  });
  if (entries.optionsJs)
    add({
      group,
      id: 'size-options-js',
      label: 'Options page JS, gzip -9',
      unit: 'KB',
      runs: [kb(entries.optionsJs.gzip)],
      note: `${list(entries.optionsJs.files)}; raw ${round(kb(entries.optionsJs.raw))} KB; no budget set`,
    });
  add({
    group,
    id: 'size-unpacked',
    label: 'Unpacked build without source maps',
    unit: 'KB',
    runs: [kb(table.unpackedBytes)],
    budget: 600,
    note: `${table.files.length - table.maps} files${table.maps ? `, ${table.maps} source maps left out` : ', no source maps in the build'}`,
  });
  if (zipPath)
    add({
      group,
      id: 'size-zip',
      label: 'Store zip (wxt zip)',
      unit: 'KB',
      runs: [kb(statSync(zipPath).size)],
      budget: 300,
      note: zipPath.slice(ROOT.length + 1),
    });
  else
    add({
      group,
      id: 'size-zip',
      label: 'Store zip (wxt zip)',
      unit: 'KB',
      runs: [],
      budget: 300,
      note: `Not measured: ${zipError?.message ?? 'no zip'}`,
    });
}

// ---------------------------------------------------------------------------------------------
// Browser sessions

/** The demo build copied aside, so that another build in the tree cannot change it mid-run. */
function demoBuildCopy(tmp) {
  const src = join(ROOT, '.output/chrome-mv3-demo');
  if (!existsSync(join(src, 'manifest.json')))
    throw new Error('no .output/chrome-mv3-demo: run npm run build:demo (npm run bench does)');
  const dest = join(tmp, 'chrome-mv3-demo');
  cpSync(src, dest, { recursive: true });
  writeFileSync(join(dest, 'bench-floor.html'), FLOOR_HTML);
  return dest;
}

/** An extension page that runs no UI (the manifest shown as a page): a trusted sender for the protocol. */
async function controlPage(session) {
  const page = await session.browser.newPage();
  await page.goto(`chrome-extension://${session.id}/manifest.json`);
  return { page, send: (message) => page.evaluate((m) => chrome.runtime.sendMessage(m), message) };
}

async function importAccounts(ctl, text, name = 'accounts.txt') {
  const reply = await must(ctl, { type: 'accounts-import', fileName: name, data: b64(text) });
  return reply.imported;
}

/**
 * One popup load in a 320 × 480 tab: navigation start to the first visible code. Also keeps the
 * phases (navigation timing's DOMContentLoaded, code in the DOM) in `phases`.
 */
async function popupFirstCode(session, phases = [], file = 'popup.html') {
  const page = await session.browser.newPage();
  try {
    await page.setViewport({ width: 320, height: 480 });
    await page.evaluateOnNewDocument(firstCodeProbe);
    await page.goto(`chrome-extension://${session.id}/${file}`, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => window.__bench?.firstCodeAt != null, { timeout: 30_000, polling: 20 });
    const state = await page.evaluate(() => ({
      ...window.__bench,
      dcl: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventStart ?? null,
    }));
    phases.push(state);
    return state.firstCodeAt;
  } finally {
    await page.close();
  }
}

/** "Of which": medians of the phases of popup loads (kept in extra.phases[id] too). */
function phaseNote(phases, id) {
  if (phases.length === 0) return '';
  const m = (f) => round(median(phases.map(f)));
  extra.phases ??= {};
  extra.phases[id] = {
    dcl: m((p) => p.dcl),
    toCodeInDom: m((p) => p.codeInDomAt - p.dcl),
    toFrame: m((p) => p.firstCodeAt - p.codeInDomAt),
  };
  return ` Phases (medians): navigation start → DOMContentLoaded (page and its module scripts loaded and run) ${m((p) => p.dcl)} ms; → code in the DOM ${m((p) => p.codeInDomAt - p.dcl)} ms; → next frame ${m((p) => p.firstCodeAt - p.codeInDomAt)} ms.`;
}

/**
 * The floor: an extension page with no script at all whose HTML already holds one code row, in the
 * bench's copy of the build only (bench-floor.html is never part of the extension).
 */
const FLOOR_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head><body><ul><li data-account-id="x"><button class="code">123 456</button></li></ul></body></html>';

/** Lock, open the popup, type the password, submit: submit event to the first visible code. */
async function unlockToList(session, ctl) {
  await must(ctl, { type: 'vault-lock' });
  const page = await session.browser.newPage();
  try {
    await page.setViewport({ width: 320, height: 480 });
    await page.evaluateOnNewDocument(firstCodeProbe);
    await page.goto(`chrome-extension://${session.id}/popup.html`, { waitUntil: 'domcontentloaded' });
    const field = await page.waitForSelector('input[type="password"]', { visible: true, timeout: 10_000 });
    await field.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__bench?.firstCodeAt != null, { timeout: 60_000, polling: 50 });
    const state = await page.evaluate(() => ({ ...window.__bench }));
    if (state.submitAt === null) throw new Error('the unlock form was not submitted');
    return state.firstCodeAt - state.submitAt;
  } finally {
    await page.close();
  }
}

async function clearCookies(browser) {
  const cookies = await browser.cookies();
  if (cookies.length) await browser.deleteCookie(...cookies);
}

/** A new tab on the demo portal's one-time-code step (classic form), signed in with the password. */
async function otpStep(session, portal, { probe = true, beforeSubmit } = {}) {
  await clearCookies(session.browser);
  const page = await session.browser.newPage();
  if (probe) await page.evaluateOnNewDocument(fillProbe);
  await page.goto(`${portal.url}/auth/`);
  await page.type('input[name="USER_LOGIN"]', 'bench');
  await page.type('input[name="USER_PASSWORD"]', 'bench-pw');
  if (beforeSubmit) await beforeSubmit(page);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await page.waitForSelector('input[name="USER_OTP"]', { visible: true });
  return page;
}

async function autoFillRun(session, portal) {
  const page = await otpStep(session, portal);
  try {
    await page.waitForFunction(() => window.__bench.filledAt !== null, { timeout: 10_000, polling: 20 });
    const { filledAt, value } = await page.evaluate(() => ({ ...window.__bench }));
    if (!/^\d{6}$/.test(value)) throw new Error(`filled "${value}"`);
    const dcl = await page.evaluate(() => performance.getEntriesByType('navigation')[0].domContentLoadedEventStart);
    return filledAt - dcl;
  } finally {
    await page.close();
  }
}

async function clickFillRun(session, portal) {
  const page = await otpStep(session, portal);
  try {
    const button = await page.waitForSelector('aria/Fill the one-time code', { timeout: 10_000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    await sleep(100);
    await button.click();
    await page.waitForFunction(() => window.__bench.filledAt !== null, { timeout: 10_000, polling: 20 });
    const { clickAt, filledAt, value } = await page.evaluate(() => ({ ...window.__bench }));
    if (clickAt === null) throw new Error('the click on the fill button was not seen');
    if (!/^\d{6}$/.test(value)) throw new Error(`filled "${value}"`);
    return filledAt - clickAt;
  } finally {
    await page.close();
  }
}

/** Traces a page load; the extension's scripts on it: main-thread ms, files evaluated, realms. */
async function traceLoad(session, buildDir, load) {
  const page = await session.browser.newPage();
  try {
    const events = await load(page, async (go) => {
      await page.tracing.start({ categories: TRACE_CATEGORIES });
      await go();
      await sleep(1000); // observers, timers and replies after the load
      const buf = await page.tracing.stop();
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

async function swHeap(session) {
  const target = await session.workerTarget();
  const cdp = await target.createCDPSession();
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = await cdp.send('Runtime.getHeapUsage');
    return usage;
  } finally {
    await cdp.detach();
  }
}

// ---- Session A: the vault at 10, 200 and 1,000 accounts; unlock; fill; content script; scale ----

async function sessionMain(buildDir, portal, pages) {
  if (!['popup', 'unlock', 'fill', 'content', 'scale'].some(want)) return;
  log('session A: vault, popup, unlock, fill, content script, scale');
  const session = await launchWithExtension(buildDir);
  try {
    const ctl = await controlPage(session);
    await must(ctl, { type: 'vault-create', password: PASSWORD });
    const host = new URL(portal.url).hostname;
    await must(ctl, {
      type: 'account-add',
      uri: `otpauth://totp/${host}%3Abench?secret=${FILL_SECRET}&issuer=${host}&algorithm=SHA1&digits=6&period=30`,
      origins: [portal.url],
    });
    await importAccounts(ctl, otpauthList(9, 'bench', 0));
    let count = (await must(ctl, { type: 'accounts-list' })).accounts.length;
    log(`vault: ${count} accounts`);
    if (count !== 10) throw new Error(`expected 10 accounts, have ${count}`);

    const group = 'Popup (320 × 480 tab, vault unlocked)';
    const popupNote =
      "page.goto(popup.html) in a new 320×480 tab; navigation start (the page's performance.now() = 0) to the frame after the first row's code button with digits is in the DOM and in view (requestAnimationFrame, then the next task).";
    if (want('popup')) {
      const phases = [];
      const f = await measure(
        { group, id: 'popup-10', label: 'Popup: first code, 10 accounts', unit: 'ms', budget: 30, note: popupNote },
        () => repeat(() => popupFirstCode(session, phases), REPEAT),
      );
      f.note += phaseNote(phases.slice(WARMUPS), 'popup-10');
      const floor = [];
      const g = await measure(
        {
          group,
          id: 'popup-floor',
          label: '… floor: a static extension page already holding one code, same measure',
          unit: 'ms',
          note: "bench-floor.html, added to the bench's copy of the build only: no script, no messages; what a new tab costs here before any popup code runs. No budget.",
        },
        () => repeat(() => popupFirstCode(session, floor, 'bench-floor.html'), REPEAT),
      );
      g.note += phaseNote(floor.slice(WARMUPS), 'popup-floor');
    }
    const unlockGroup = 'Unlock';
    if (want('unlock')) {
      await measure(
        {
          group: unlockGroup,
          id: 'unlock',
          label: 'Unlock: password submit → list shown (10 accounts)',
          unit: 'ms',
          budget: 400,
          note: "Popup locked (vault-lock), password typed, Enter: from the form's submit event to the first visible code, as for the popup figures.",
        },
        () => repeat(() => unlockToList(session, ctl), REPEAT),
      );
    }
    if (want('scale')) {
      const heap = await swHeap(session);
      extra.swHeap10 = heap;
      add({
        group: 'Scale (1,000 accounts, 10,000 recovery codes) and memory',
        id: 'sw-heap-10',
        label: 'Service worker JS heap, 10 accounts (after GC)',
        unit: 'MB',
        runs: [heap.usedSize / MB],
        digits: 2,
        note: `Runtime.getHeapUsage on the worker target after two HeapProfiler.collectGarbage; total heap ${round(heap.totalSize / MB, 2)} MB.`,
      });
    }

    if (want('fill')) {
      const fillGroup = 'Fill (demo portal, classic form, one account bound to it)';
      await must(ctl, { type: 'settings-set', patch: { autofillMode: 'load' } });
      await measure(
        {
          group: fillGroup,
          id: 'fill-auto',
          label: 'Auto-fill: OTP step DOMContentLoaded → code in the field',
          unit: 'ms',
          note: 'Auto-fill on load (autofillMode "load"): the OTP page\'s navigation-timing domContentLoadedEventStart to the main-world input event that puts the code in USER_OTP. Includes the content script\'s document_idle start. No budget set.',
        },
        () => repeat(() => autoFillRun(session, portal), REPEAT),
      );
      await must(ctl, { type: 'settings-set', patch: { autofillMode: 'click' } });
      await measure(
        {
          group: fillGroup,
          id: 'fill-click',
          label: 'Click-to-fill: click on the fill button → code in the field',
          unit: 'ms',
          budget: 30,
          note: 'A trusted mouse click (puppeteer) on "Fill the one-time code" in the closed shadow root: the click event\'s timeStamp (seen in the main world on <b24a-fill>) to the input event that fills USER_OTP.',
        },
        () => repeat(() => clickFillRun(session, portal), REPEAT),
      );
    }

    if (want('content')) {
      const csGroup = 'Content script';
      const bitrixRuns = [];
      const otherRuns = [];
      const csNote =
        "Chromium trace (devtools.timeline, v8) of the OTP step's load, from the password submit until 1 s after the fill button appears: union of the main-thread events attributed to chrome-extension:// scripts (EvaluateScript with its compile, FunctionCall for every listener, timer, observer and message callback). Promise continuations are not attributed to a URL in a trace and are not counted.";
      await measure(
        {
          group: csGroup,
          id: 'cs-main-thread',
          label: 'Content script main-thread time, Bitrix OTP step',
          unit: 'ms',
          note: `${csNote} No budget set.`,
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
          }, REPEAT),
      );
      const last = bitrixRuns.at(-1);
      add({
        group: csGroup,
        id: 'cs-bytes-bitrix',
        label: 'Bytes injected on a Bitrix page',
        unit: 'KB',
        budget: 15,
        runs: last ? [last.bytes / KB] : [],
        note: last
          ? `Files the trace shows evaluated from the extension on the OTP step: ${last.evaluated.map((u) => u.split('/').slice(3).join('/')).join(', ')}; ${last.realms} extension realm(s) (page.extensionRealms()). Raw bytes on disk.`
          : 'Not measured.',
      });
      await measure(
        {
          group: csGroup,
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
      extra.contentScript = { bitrix: bitrixRuns, other: otherRuns };
    }

    let importMs = null;
    if (want('popup') || want('scale')) {
      const t0 = performance.now();
      await importAccounts(ctl, otpauthList(190, 'bench', 9));
      count = (await must(ctl, { type: 'accounts-list' })).accounts.length;
      log(`vault: ${count} accounts (190 imported in ${round(performance.now() - t0)} ms)`);
      if (want('popup')) {
        const phases = [];
        const f = await measure(
          {
            group,
            id: 'popup-200',
            label: 'Popup: first code, 200 accounts',
            unit: 'ms',
            budget: 50,
            note: 'As at 10 accounts.',
          },
          () => repeat(() => popupFirstCode(session, phases), REPEAT),
        );
        f.note += phaseNote(phases.slice(WARMUPS), 'popup-200');
      }
      const t1 = performance.now();
      await importAccounts(ctl, otpauthList(800, 'bench', 199));
      importMs = performance.now() - t1;
      count = (await must(ctl, { type: 'accounts-list' })).accounts.length;
      log(`vault: ${count} accounts (800 imported in ${round(importMs)} ms)`);
      if (count !== 1000) throw new Error(`expected 1,000 accounts, have ${count}`);
      if (want('popup')) {
        const phases = [];
        const f = await measure(
          {
            group,
            id: 'popup-1000',
            label: 'Popup: first code, 1,000 accounts',
            unit: 'ms',
            budget: 120,
            note: 'As at 10 accounts.',
          },
          () => repeat(() => popupFirstCode(session, phases), REPEAT),
        );
        f.note += phaseNote(phases.slice(WARMUPS), 'popup-1000');
      }
    }

    if (want('scale')) {
      const scaleGroup = 'Scale (1,000 accounts, 10,000 recovery codes) and memory';
      const { accounts } = await must(ctl, { type: 'accounts-list' });
      const batches = accounts.map((a, i) => ({ accountId: a.id, text: recoveryCodes('bench', i).join('\n') }));
      const t0 = performance.now();
      const imported = await ctl.page.evaluate(async (items) => {
        let n = 0;
        for (const { accountId, text } of items) {
          const reply = await chrome.runtime.sendMessage({ type: 'recovery-import', accountId, text, replace: false });
          if (!reply?.ok) throw new Error(JSON.stringify(reply));
          n += reply.imported;
        }
        return n;
      }, batches);
      log(`recovery codes: ${imported} imported for ${batches.length} accounts in ${round(performance.now() - t0)} ms`);
      if (imported !== 10_000) throw new Error(`expected 10,000 recovery codes, imported ${imported}`);
      await popupFirstCode(session); // the list as the popup loads it, before the heap is read
      const heap = await swHeap(session);
      extra.swHeap1000 = heap;
      add({
        group: scaleGroup,
        id: 'sw-heap-1000',
        label: 'Service worker JS heap, 1,000 accounts + 10,000 recovery codes (after GC)',
        unit: 'MB',
        runs: [heap.usedSize / MB],
        digits: 2,
        note: `After a popup load listed all accounts; Runtime.getHeapUsage after two HeapProfiler.collectGarbage; total heap ${round(heap.totalSize / MB, 2)} MB. No budget set.`,
      });
      await measure(
        {
          group: scaleGroup,
          id: 'scale-unlock',
          label: 'Unlock + list, 1,000 accounts + 10,000 recovery codes',
          unit: 'ms',
          note: 'As the unlock figure, on this vault. No budget set (the unlock budget is for the 10-account figure).',
        },
        () => repeat(() => unlockToList(session, ctl), REPEAT),
      );
      if (want('fill')) {
        await measure(
          {
            group: scaleGroup,
            id: 'scale-fill-click',
            label: 'Click-to-fill with 1,000 accounts in the vault',
            unit: 'ms',
            note: "As the click-to-fill figure (still one account bound to the portal). The background's fill() lists (decrypts) every account to pick those bound to the page's origin, so this grows with the vault. No budget set.",
          },
          () => repeat(() => clickFillRun(session, portal), REPEAT),
        );
      }
      if (importMs !== null)
        add({
          group: scaleGroup,
          id: 'scale-import-800',
          label: 'Import of 800 accounts (otpauth list, one message)',
          unit: 'ms',
          runs: [importMs],
          note: 'accounts-import with an 800-line otpauth:// list into a vault of 200; one run (informational).',
        });
    }
  } finally {
    await session.close();
  }
}

// ---- Session P: the extension's own QR and KDF code in its service worker (probe) ----

async function loadProbe(session, probe) {
  const worker = await session.worker();
  await worker.evaluate(probe);
  if (!(await worker.evaluate(() => typeof globalThis.__b24bench?.scanImage === 'function')))
    throw new Error('probe did not load');
  return worker;
}

/** Opens the action popup on `page` (which grants activeTab, as the user's click does); returns it. */
async function openActionPopup(session, page) {
  const extension = (await session.browser.extensions()).get(session.id);
  await page.bringToFront();
  await page.triggerExtensionAction(extension);
  const target = await session.browser.waitForTarget((t) => t.url() === `chrome-extension://${session.id}/popup.html`, {
    timeout: 10_000,
  });
  return target.asPage();
}

async function scanTabRuns(popup, pattern, gapMs, expectSource) {
  const { times, last } = await popup.evaluate(
    async (urlPattern, warmups, runs, gap) => {
      const [tab] = await chrome.tabs.query({ url: urlPattern });
      const out = [];
      let reply;
      for (let i = 0; i < warmups + runs; i++) {
        if (gap) await new Promise((r) => setTimeout(r, gap));
        const t0 = performance.now();
        reply = await chrome.runtime.sendMessage({ type: 'scan-tab', tabId: tab.id });
        if (i >= warmups) out.push(performance.now() - t0);
      }
      return { times: out, last: reply };
    },
    pattern,
    WARMUPS,
    RUNS,
    gapMs,
  );
  if (!last?.ok) throw new Error(`scan-tab: ${JSON.stringify(last)}`);
  if (last.source !== expectSource || last.findings?.[0]?.kind !== 'account')
    throw new Error(`scan-tab found ${JSON.stringify(last)}`);
  return times;
}

async function sessionProbe(buildDir, pages, probe) {
  if (!want('unlock') && !want('qr')) return;
  log('session P: KDF and QR decoding in the service worker');
  const session = await launchWithExtension(buildDir);
  try {
    const worker = await loadProbe(session, probe);
    if (want('unlock')) {
      const ctl = await controlPage(session);
      await must(ctl, { type: 'vault-create', password: PASSWORD });
      // Argon2id alone and the vault-unlock message, alternated so that both see the same machine.
      const kdfRuns = [];
      const messageRuns = [];
      let params = null;
      let failure = null;
      try {
        for (let i = 0; i < WARMUPS + RUNS; i++) {
          const kdf = await worker.evaluate(swKdf, PASSWORD, 0, 1);
          params = kdf.params;
          await must(ctl, { type: 'vault-lock' });
          const message = await ctl.page.evaluate(async (password) => {
            const t0 = performance.now();
            const reply = await chrome.runtime.sendMessage({ type: 'vault-unlock', password });
            if (!reply?.ok) throw new Error(JSON.stringify(reply));
            return performance.now() - t0;
          }, PASSWORD);
          if (i >= WARMUPS) {
            kdfRuns.push(kdf.times[0]);
            messageRuns.push(message);
          }
        }
      } catch (error) {
        failure = error;
        log(error.stack);
      }
      const paramText = params
        ? ` Parameters: m = ${params.memoryKiB} KiB, t = ${params.iterations}, p = ${params.parallelism}.`
        : '';
      extra.kdfParams = params;
      add({
        group: 'Unlock',
        id: 'kdf',
        label: 'Argon2id alone (deriveKey at the stored parameters)',
        unit: 'ms',
        runs: failure ? [] : kdfRuns,
        note: `${failure ? `Not measured: ${failure.message}. ` : ''}lib/crypto deriveKey (@noble/hashes argon2idAsync), bundled by Vite from the same sources and evaluated in the extension's service worker, with the KDF parameters read from the vault header in IndexedDB.${paramText} No budget of its own.`,
      });
      add({
        group: 'Unlock',
        id: 'unlock-message',
        label: '… the vault-unlock message alone (extension page → reply)',
        unit: 'ms',
        runs: failure ? [] : messageRuns,
        note: 'chrome.runtime.sendMessage({ type: "vault-unlock" }) to its reply, in the same loop as the row above (alternating), so the two compare directly; besides Argon2id (the extension\'s own copy) it reads the vault header, unwraps the data key and parks it in session storage. No budget.',
      });
    }
    if (want('qr')) {
      const group = 'QR decoding';
      const page = await session.browser.newPage();
      await page.goto(`http://qr.test:${pages.port}/qr-dom.html`);
      await page.waitForFunction(() => document.querySelector('img')?.complete);
      const pixels = await page.evaluate(readImagePixels);
      const readRuns = [];
      let coldDom = null;
      let jsqrDom = [];
      for (let i = 0; i < WARMUPS + RUNS; i++) {
        const { readMs } = await page.evaluate(readImagePixels);
        if (i >= WARMUPS) readRuns.push(readMs);
      }
      await measure(
        {
          group,
          id: 'qr-dom-decode',
          label: "Decode a 164 px QR from the page's DOM (scanImage)",
          unit: 'ms',
          budget: 30,
          note: "The <img>'s exact pixels (164×164, read through a canvas as the extension reads them) decoded by lib/qr scanImage in the service worker (the probe: the same sources bundled by Vite). Decode only.",
        },
        async () => {
          const { times, first, text, jsqrTimes } = await worker.evaluate(
            swScanPixels,
            pixels.data,
            pixels.width,
            pixels.height,
            WARMUPS,
            RUNS,
          );
          if (text !== QR_TEXT) throw new Error(`decoded ${JSON.stringify(text)}`);
          coldDom = first;
          jsqrDom = jsqrTimes;
          return times;
        },
      );
      if (coldDom !== null)
        figures.at(-1).note +=
          ` First call in a fresh context (the discarded warm-up, JIT cold): ${round(coldDom)} ms — what a user's first scan after the worker starts pays.`;
      add({
        group,
        id: 'qr-dom-jsqr',
        label: '… jsQR alone on the same pixels',
        unit: 'ms',
        runs: jsqrDom,
        note: 'jsQR(data, 164, 164) from the same probe, after the scanImage runs (so warm): the share of the decode that is jsQR itself. No budget.',
      });
      add({
        group,
        id: 'qr-dom-read',
        label: "… reading the image's pixels in the page (canvas)",
        unit: 'ms',
        runs: readRuns,
        note: 'drawImage + getImageData of the 164 px <img> in the page. No budget.',
      });
      await measure(
        {
          group,
          id: 'qr-dom-scan-tab',
          label: '… end to end: scan-tab message from the popup (source "page")',
          unit: 'ms',
          note: 'chrome.runtime.sendMessage({type:"scan-tab"}) from the action popup to the reply: executeScript in the tab, pixels as base64, decode, classify. No budget.',
        },
        async () => {
          const popup = await openActionPopup(session, page);
          return scanTabRuns(popup, 'http://qr.test/*', 0, 'page');
        },
      );
      await page.close();
    }
  } finally {
    await session.close();
  }
}

// ---- Sessions B and C: a 1920 × 1080 visible tab at device pixel ratio 1 and 2 ----

let chromeUiHeight = 87;
async function sessionFullTab(buildDir, pages, probe, dpr) {
  if (!want('qr')) return;
  log(`session ${dpr === 1 ? 'B' : 'C'}: full-tab capture at 1920×1080, DPR ${dpr}`);
  let session;
  let page;
  for (let attempt = 0; ; attempt++) {
    session = await launchWithExtension(buildDir, {
      defaultViewport: null,
      args: [
        `--window-size=1920,${1080 + chromeUiHeight}`,
        ...(dpr !== 1 ? [`--force-device-scale-factor=${dpr}`] : []),
      ],
    });
    page = await session.browser.newPage();
    await page.goto(`http://qr.test:${pages.port}/qr-tab.html`);
    const [w, h, ratio] = await page.evaluate(() => [innerWidth, innerHeight, devicePixelRatio]);
    if (w === 1920 && h === 1080 && ratio === dpr) break;
    await session.close();
    if (attempt > 1) throw new Error(`could not get a 1920×1080 tab at DPR ${dpr} (got ${w}×${h} at ${ratio})`);
    chromeUiHeight += 1080 - h;
  }
  const group = 'QR decoding';
  try {
    const worker = await loadProbe(session, probe);
    await page.waitForFunction(() => document.fonts.ready.then(() => true));
    const popup = await openActionPopup(session, page);
    const runs = [];
    let cold = null;
    for (let i = 0; i < WARMUPS + RUNS; i++) {
      await sleep(600); // captureVisibleTab allows two calls a second
      const r = await worker.evaluate(swCaptureAndScan, 'http://qr.test/*');
      if (r.text !== QR_TEXT)
        throw new Error(`decoded ${JSON.stringify(r.text)} from the ${r.width}×${r.height} capture`);
      if (i === 0) cold = r.decode;
      if (i >= WARMUPS) runs.push(r);
    }
    const size = `${runs[0].width}×${runs[0].height}`;
    const passes = scanTabPassesRatio();
    add({
      group,
      id: `qr-tab-dpr${dpr}-decode`,
      label: `Decode a full visible-tab capture, 1920×1080 at DPR ${dpr}`,
      unit: 'ms',
      budget: dpr === 1 ? 250 : null,
      runs: runs.map((r) => r.decode),
      note: `A ${size} PNG from chrome.tabs.captureVisibleTab (the 164 CSS px QR is a CSS background, so only the capture shows it), decoded in the service worker by lib/qr scanImage(image, { devicePixelRatio: ${round(runs[0].scale, 2)} }) — capture width / tab width, ${passes ? 'as entrypoints/background/scan-tab.ts calls it' : 'NOTE: entrypoints/background/scan-tab.ts no longer seems to pass devicePixelRatio; see the next row for the call without options'}. Decode only.${cold !== null && WARMUPS > 0 ? ` First call (JIT cold, the discarded warm-up): ${round(cold)} ms.` : ''}${dpr === 1 ? '' : ' No budget set for DPR 2.'}`,
    });
    add({
      group,
      id: `qr-tab-dpr${dpr}-decode-no-options`,
      label: `… the same capture, scanImage(image) without options`,
      unit: 'ms',
      runs: runs.map((r) => r.decodeNoOptions),
      note: `Finder patterns searched at full resolution${runs.every((r) => r.textNoOptions === QR_TEXT) ? '' : ' (did not always find the code)'}. No budget.`,
    });
    add({
      group,
      id: `qr-tab-dpr${dpr}-capture`,
      label: `… capture + pixels at DPR ${dpr}`,
      unit: 'ms',
      runs: runs.map((r) => r.capture + r.pixels),
      note: `captureVisibleTab (PNG) ${round(median(runs.map((r) => r.capture)))} ms + ImageBitmap/OffscreenCanvas to RGBA ${round(median(runs.map((r) => r.pixels)))} ms (medians). No budget.`,
    });
    await measure(
      {
        group,
        id: `qr-tab-dpr${dpr}-scan-tab`,
        label: `… end to end: scan-tab from the popup at DPR ${dpr} (source "capture")`,
        unit: 'ms',
        note: "The popup's scan-tab message to its reply: executeScript finds no <img>/<canvas>, then capture, pixels, decode. No budget.",
      },
      () => scanTabRuns(popup, 'http://qr.test/*', 600, 'capture'),
    );
  } catch (error) {
    add({
      group,
      id: `qr-tab-dpr${dpr}-decode`,
      label: `Decode a full visible-tab capture, 1920×1080 at DPR ${dpr} (scanImage)`,
      unit: 'ms',
      budget: dpr === 1 ? 250 : null,
      runs: [],
      note: `Not measured: ${error.message}`,
    });
    log(error.stack);
  } finally {
    await session.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Notes on what would fix a figure over budget (only shown for figures over budget)

function depSize(name) {
  const d = (extra.dependencies ?? []).find((x) => x.name === name);
  return d && d.gzip !== null ? d : null;
}
const kbText = (bytes) => `${round(bytes / KB)} KB`;

/** Whether scan-tab (as it is in the tree) passes the capture's pixel ratio to scanImage. */
function scanTabPassesRatio() {
  try {
    return /scanImage\([^)]*devicePixelRatio/.test(
      readFileSync(join(ROOT, 'entrypoints/background/scan-tab.ts'), 'utf8'),
    );
  } catch {
    return false;
  }
}

const fig = (id) => figures.find((f) => f.id === id);
const ms = (id) => fig(id)?.median ?? null;

/** The files of an entry point, largest (gzip) first: "background.js 40 KB, chunks/qr-….js 52 KB". */
function largestParts(entry) {
  const files = extra.entries?.[entry]?.files ?? [];
  return files
    .map((path) => (extra.files ?? []).find((f) => f.path === path))
    .filter(Boolean)
    .sort((a, b) => b.gzip - a.gzip)
    .map((f) => `${f.path} ${kbText(f.gzip)}`)
    .join(', ');
}

const FIXES = {
  'size-background': () => {
    const parts = [
      'jsqr',
      'lib/qr scanImage (incl. jsqr)',
      'otpauth',
      '@noble/hashes argon2id',
      '@noble/hashes scrypt',
      'webextension-polyfill',
      'idb',
    ]
      .map((n) => depSize(n))
      .filter(Boolean)
      .map((d) => `${d.name} ${kbText(d.gzip)}`);
    const total = extra.entries?.background?.gzip ?? 0;
    const jsqr = depSize('jsqr')?.gzip ?? 0;
    return `Parts (gzip -9): ${largestParts('background')}. Each dependency bundled alone: ${parts.join(', ')}. QR decoding is most of it, and a service worker cannot load code later (import() is not allowed in service workers), so the fix is to decode outside the worker: in the popup, which already loads the QR chunk lazily for pictures and can capture the tab itself with its activeTab grant, and for enrolment in an offscreen document loaded on demand. Without jsQR alone the worker would load about ${kbText(total - jsqr)}; without the rest of lib/qr, otpauth (its HOTP/TOTP is a few lines over WebCrypto HMAC) and scrypt (only for Aegis imports; could run in the options page) it gets under 40 KB.`;
  },
  'size-popup-js': () =>
    `Parts (gzip -9): ${largestParts('popupJs')}. Split the screens the popup does not show first (add account, details, recovery codes) into dynamic imports.`,
  'size-content-script': () => {
    const p = depSize('webextension-polyfill');
    return `${p ? `webextension-polyfill alone is ${kbText(p.raw)} raw (minified), more than the budget by itself. ` : ''}WXT 0.20+ does not need it (its \`browser\` is the native, promise-based API in MV3): dropping the @wxt-dev/webextension-polyfill module from wxt.config.ts removes it from every bundle and leaves the content script well under 15 KB. To check first: onMessage listeners that reply by returning a Promise (the polyfill's style) must reply with sendResponse and \`return true\` where the native API does not take a Promise.`;
  },
  'cs-bytes-bitrix': () => FIXES['size-content-script'](),
  'size-unpacked': () => {
    const files = (extra.files ?? []).filter((f) => !f.path.endsWith('.map'));
    const sum = (list) => list.reduce((n, f) => n + f.raw, 0);
    const locales = files.filter((f) => f.path.startsWith('_locales/'));
    const whitespace = extra.localeWhitespace ?? 0;
    const js = files.filter((f) => f.path.endsWith('.js'));
    const qr = js.find((f) => /^chunks\/qr-/.test(f.path));
    const jsqr = depSize('jsqr');
    return `_locales: ${kbText(sum(locales))} for ${locales.length} languages, of which ${kbText(whitespace)} is JSON indentation and spacing (minifying the locale files at build time removes it); JavaScript: ${kbText(sum(js))}${qr ? `, of which the QR chunk ${qr.path} is ${kbText(qr.raw)} (${kbText(qr.gzip)} gzip${jsqr ? `, jsQR being ${kbText(jsqr.gzip)} gzip of it when bundled alone` : ''})` : ''}; the rest ${kbText(sum(files.filter((f) => !f.path.startsWith('_locales/') && !f.path.endsWith('.js'))))}. Minifying the locale files alone leaves ${kbText(sum(files) - whitespace)}, so the rest has to come from a leaner QR decoder than jsQR (or shorter texts); moving decoding out of the worker (see that row) does not shrink the package, as the chunk is still shipped for the popup.`;
  },
  'size-zip': () => 'Follows the unpacked size; see that row.',
  unlock: () => {
    const total = ms('unlock');
    const kdf = ms('kdf');
    const message = ms('unlock-message');
    const wasm =
      "A WebAssembly Argon2id (several times faster than JavaScript at the same parameters; needs 'wasm-unsafe-eval' in the extension's CSP) keeps the parameters and frees most of the KDF's time; lowering m or t below the OWASP minimum is not a fix.";
    if (kdf !== null && kdf > 400)
      return `Argon2id alone takes ${kdf} ms (pure-JavaScript @noble/hashes at the OWASP-minimum m = 19 MiB, t = 2), over the budget by itself. ${wasm}`;
    const rest = total !== null && message !== null ? round(total - message) : null;
    return `${kdf !== null ? `Argon2id takes ${kdf} ms and the whole vault-unlock message ${message} ms (rows below); ` : ''}${rest !== null ? `the other ~${rest} ms are the popup asking for the list (accounts-list) after the unlock reply, and drawing it. ` : ''}Having vault-unlock reply with the first screenful of accounts (one round trip instead of two) would take off part of that. ${wasm}`;
  },
  'popup-10': () => {
    const p = extra.phases?.['popup-10'];
    const floor = extra.phases?.['popup-floor'];
    const floorMs = ms('popup-floor');
    return `${floorMs !== null ? `The budget is below the floor: a static extension page already holding a code takes ${floorMs} ms in this harness (navigation, commit, first frame), so 30 ms is out of reach for any extension page here. ` : ''}${p && floor ? `Above the floor, ${round(p.dcl - floor.dcl)} ms go to loading and running the popup's module scripts, whose first messages go out at the end of that (DOMContentLoaded at ${p.dcl} ms vs ${floor.dcl} ms for the static page), and ${p.toCodeInDom} ms to the three replies and rendering. ` : ''}Fewer, smaller chunks before the first message (the list screen's code only; add-account, details and recovery screens loaded on demand) and asking for the accounts from the first module that runs would shorten the first part.`;
  },
  'popup-200': () => {
    const p = extra.phases?.['popup-200'];
    const p10 = extra.phases?.['popup-10'];
    return `As at 10 accounts (see its note)${p ? `: ${p.dcl} ms until DOMContentLoaded, then ${p.toCodeInDom} ms to the code in the DOM (${p10?.toCodeInDom ?? '?'} ms at 10 accounts), the accounts-list reply growing with the vault (see 1,000)` : ''}.`;
  },
  'popup-1000': () => {
    const p = extra.phases?.['popup-1000'];
    return `${p ? `From DOMContentLoaded to the code in the DOM takes ${p.toCodeInDom} ms here (vs ${extra.phases?.['popup-10']?.toCodeInDom ?? '?'} ms at 10 accounts): ` : ''}accounts-list decrypts every record and computes every TOTP code before the first row can be drawn. Answering the popup's first request with only the first screenful (the current portal's accounts and the first rows in order), then the rest, would make the first code independent of the vault's size.`;
  },
  'fill-click': () =>
    'fill() reads the settings and decrypts every account (session.listAccounts) to pick those bound to the origin; an index of origins → account ids kept by the unlocked session would decrypt only the one account filled.',
  'qr-dom-decode': () => {
    const j = ms('qr-dom-jsqr');
    return `${j !== null ? `jsQR alone on the same pixels takes ${j} ms; the rest is lib/qr's own finder-pattern search and crops around it. ` : ''}For a small image that is the page's own <img>, trying jsQR on the whole image first (it succeeds on a clean 164 px code) and running the finder-pattern search only when that fails would bring it near jsQR's time. The first call after the worker starts is slower still (JIT), see the note.`;
  },
  'qr-tab-dpr1-decode': () =>
    'Finder-pattern search over 2 Mpx dominates; searching a downscaled copy first and decoding at full resolution only around candidates would cut it.',
};

function applyFixNotes() {
  for (const f of figures) {
    if (f.withinBudget !== false) continue;
    const fix = FIXES[f.id]?.();
    f.note = `${f.note}${fix ? ` **Fix:** ${fix}` : ''}`;
  }
}

// ---------------------------------------------------------------------------------------------

function machine(chromium, loadBefore) {
  const cpus = os.cpus();
  return {
    loadAverage: { before: loadBefore.map((x) => round(x, 2)), after: os.loadavg().map((x) => round(x, 2)) },
    cpu: `${cpus[0]?.model ?? 'unknown'} × ${cpus.length}`,
    memory: `${round(os.totalmem() / 1024 ** 3, 1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium,
  };
}

function chromiumVersion() {
  try {
    return execFileSync(process.env.CHROME_PATH ?? '/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

function markdown(results) {
  const { machine: m } = results;
  const files = (results.extra.files ?? []).filter((f) => !f.path.endsWith('.map'));
  const deps = results.extra.dependencies ?? [];
  const over = results.figures.filter((f) => f.withinBudget === false);
  const unmeasured = results.figures.filter((f) => f.median === null);
  return `# Benchmark results

Written by \`npm run bench\` (bench/run.js) on ${results.date.slice(0, 10)}; raw data in [results.json](results.json).
Machine: ${m.cpu}, ${m.memory}, ${m.os}; Node ${m.node}; ${m.chromium}, headless. Load average (1/5/15 min) ${m.loadAverage.before.join(' / ')} before the run and ${m.loadAverage.after.join(' / ')} after it: the machine is shared, so other work may have run alongside.
Each timed figure is the median of ${results.runs} runs after ${results.warmups} discarded warm-up run${results.warmups === 1 ? '' : 's'}, with min – max; sizes are single values.
Budgets are benchmark figures (median ≤ budget), not timed tests. KB = 1,000 bytes, MB = 1,000,000 bytes.

${over.length ? `**Over budget:** ${over.map((f) => f.label).join('; ')}. Each has a note saying what would fix it.` : '**All figures with a budget are within it.**'}
${results.extra.errors?.length ? `\n**Failed:** ${results.extra.errors.join('; ')}\n` : ''}${unmeasured.length ? `\n**Not measured:** ${unmeasured.map((f) => `${f.label} (${f.note})`).join('; ')}\n` : ''}
For scale: the most used open-source authenticator extension needs 120–135 ms to its first code with 10 accounts, 235–250 ms with 200 and 690–780 ms with 1,000 on this kind of machine, and ships a 187 KB (gzip) popup script. Here: ${['popup-10', 'popup-200', 'popup-1000'].map((id) => results.figures.find((f) => f.id === id)?.median ?? '—').join(' / ')} ms with 10 / 200 / 1,000 accounts, and a ${results.figures.find((f) => f.id === 'size-popup-js')?.median ?? '—'} KB (gzip) popup script.

${markdownTable(results.figures)}

## How each figure is measured

- **Browser**: Debian Chromium, headless, with the demo build (\`.output/chrome-mv3-demo\`, copied aside at the start so a concurrent build cannot change it) installed through puppeteer's \`installExtension\`. Protocol messages come from an extension page that runs no UI (\`chrome-extension://<id>/manifest.json\`).
- **Popup**: the vault is created at the default KDF cost, 9 accounts are imported as an otpauth:// list plus one account bound to the demo portal (10); then 190 and 800 more (200, 1,000). Each run opens \`popup.html\` in a new 320×480 tab. A script installed before the page's own (\`evaluateOnNewDocument\`) records, on the page's clock (0 = navigation start), when the first row's code button (\`li[data-account-id] button.code\`, components/popup/AccountRow.tsx) holds digits inside the viewport, then waits for the next frame (requestAnimationFrame + a task) — that is the figure.
- **Unlock**: the vault is locked (\`vault-lock\`), the popup opened, the password typed and Enter pressed; from the form's \`submit\` event to the first visible code. **Argon2id alone**: lib/crypto \`deriveKey\` at the parameters read from the vault header in IndexedDB, run inside the extension's service worker (see *probe*), alternating with a bare \`vault-unlock\` message from an extension page (lock, then unlock), so the KDF and the whole unlock message are measured under the same conditions.
- **Probe**: the built bundles export nothing, so \`scanImage\` (lib/qr), \`deriveKey\` (lib/crypto) and jsQR are bundled by Vite — WXT's bundler — from the same sources (bench/probe/entry.js, bundled from the working tree at the start of the run, seconds after \`npm run build:demo\`) and evaluated in the running service worker through DevTools; they run in the same V8 context and thread as the extension's own copy. Timed with \`performance.now()\` around the call.
- **QR**: a 164×164 px QR code from \`qrencode\` (version 5, 4 px modules) served by the bench's own server on a host the extension was not granted (\`qr.test\`, so scanning relies on the popup's activeTab grant, as for a user). *DOM*: an \`<img>\` on a page; its pixels are read through a canvas at natural size (as the extension does) and decoded by the probe's \`scanImage\`; jsQR alone on the same pixels for comparison; *end to end*: the popup (opened with \`triggerExtensionAction\`, which grants activeTab as a click does) sends \`scan-tab\` and waits for the reply. *Full tab*: Chromium started with a 1920×1080 viewport (\`--window-size\`, and \`--force-device-scale-factor=2\` for DPR 2), a portal-like page whose QR is a CSS background; \`chrome.tabs.captureVisibleTab\` in the service worker, pixels through OffscreenCanvas, then \`scanImage(image, { devicePixelRatio: capture width / tab width })\` timed alone, as scan-tab calls it, and without options for comparison; and \`scan-tab\` end to end (source "capture"). Captures are spaced 600 ms apart (Chromium allows two a second). The discarded warm-up is the first call in the probe's fresh copy of the code, so its time (JIT cold) is given in the notes.
- **Fill**: the demo portal (tests/portal) with one user whose TOTP account is the only one bound to the portal. Each run signs in with the password in a new tab. *Auto-fill*: \`autofillMode: "load"\`; from the OTP page's \`domContentLoadedEventStart\` to the main-world \`input\` event that fills \`USER_OTP\`. *Click*: \`autofillMode: "click"\`; puppeteer clicks \`aria/Fill the one-time code\` (closed shadow root); from the click event's \`timeStamp\` to that \`input\` event.
- **Content script**: a Chromium trace (categories ${TRACE_CATEGORIES.join(', ')}) of the OTP step's load. *Bytes*: the extension files the trace shows evaluated, sizes on disk. *Main-thread time*: the union of main-thread trace events attributed to chrome-extension:// URLs (script evaluation incl. compile, and each callback: listeners, timers, observers, message handlers), until 1 s after the fill button appears. *Non-Bitrix page*: \`http://other.test/\`, a host the extension was not granted; \`page.extensionRealms()\` must be empty and the trace must show no extension script.
- **Sizes**: \`npx wxt zip\` (which builds \`.output/chrome-mv3\`, the store build) and the zip it writes. Per entry point, the file plus every chunk it imports statically (read from the minified import statements and the HTML's module script and modulepreload links), each gzipped alone at level 9 (\`zlib.gzipSync(buf, { level: 9 })\`) and summed.
- **Shared machine**: the load average before and after the run is recorded above; \`BENCH_WAIT_QUIET=<seconds> npm run bench\` first waits (up to that long) for the 1-minute load to fall below half the cores.
- **Scale**: 10 recovery codes for each of the 1,000 accounts (10,000), imported with \`recovery-import\`; the service worker's JS heap from \`Runtime.getHeapUsage\` on its DevTools target after \`HeapProfiler.collectGarbage\`.

## Built files (store build, Chromium)

| File | Raw | gzip -9 |
|---|---:|---:|
${files.map((f) => `| ${f.path} | ${(f.raw / KB).toFixed(1)} KB | ${(f.gzip / KB).toFixed(1)} KB |`).join('\n')}

## What the bundles are made of

Each runtime dependency bundled alone by Vite (minified, as the extension imports it), to show what dominates a bundle. Shared code (e.g. @noble/hashes internals) is counted in each.

| Dependency | In | Raw | gzip -9 |
|---|---|---:|---:|
${deps.map((d) => `| ${d.name} | ${d.in.join(', ')} | ${d.raw === null ? '—' : `${(d.raw / KB).toFixed(1)} KB`} | ${d.gzip === null ? '—' : `${(d.gzip / KB).toFixed(1)} KB`} |`).join('\n')}
`;
}

async function main() {
  const started = performance.now();
  const tmp = mkdtempSync(join(os.tmpdir(), 'b24-bench-'));
  let portal;
  let pages;
  try {
    // What is measured is fixed first, right after the builds: the demo build copied aside, the
    // probe bundled from the same sources, the store build zipped and sized.
    const buildDir = demoBuildCopy(tmp);
    log('bundling the probe (lib/qr scanImage, lib/crypto deriveKey, jsQR) with Vite');
    const probe = await probeScript(ROOT);
    if (want('sizes')) await sizes();

    // BENCH_WAIT_QUIET=<seconds>: on a shared machine, first wait (up to that long) for the load to drop.
    const waitQuiet = Number(process.env.BENCH_WAIT_QUIET ?? 0);
    const quiet = os.cpus().length * 0.5;
    for (const until = Date.now() + waitQuiet * 1000; os.loadavg()[0] > quiet && Date.now() < until; ) {
      log(`waiting for a quieter machine: load ${os.loadavg()[0].toFixed(2)} > ${quiet}`);
      await sleep(15_000);
    }
    extra.loadBefore = os.loadavg();
    log(`load average ${extra.loadBefore.map((x) => x.toFixed(2)).join(' ')} on ${os.cpus().length} cores`);

    pages = await startPageServer(qr164());
    portal = await startPortal({
      users: {
        users: [
          {
            login: 'bench',
            password: 'bench-pw',
            name: 'Bench',
            otp: { type: 'totp', secret: FILL_SECRET },
            recoveryCodes: [],
          },
        ],
      },
    });
    const guard = async (name, run) => {
      try {
        await run();
      } catch (error) {
        log(`${name} failed: ${error?.stack ?? error}`);
        extra.errors = extra.errors ?? [];
        extra.errors.push(`${name}: ${String(error?.message ?? error).split('\n')[0]}`);
      }
    };
    await guard('session A (popup, unlock, fill, content script, scale)', () => sessionMain(buildDir, portal, pages));
    await guard('session P (KDF, DOM QR)', () => sessionProbe(buildDir, pages, probe));
    await guard('session B (full tab, DPR 1)', () => sessionFullTab(buildDir, pages, probe, 1));
    await guard('session C (full tab, DPR 2)', () => sessionFullTab(buildDir, pages, probe, 2));
  } finally {
    await portal?.close();
    await pages?.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  applyFixNotes();
  const order = ['popup', 'unlock', 'kdf', 'qr', 'fill', 'cs', 'size', 'sw', 'scale'];
  const rank = (f) => {
    const i = order.findIndex((p) => f.id.startsWith(p));
    return i < 0 ? order.length : i;
  };
  const groupOrder = [];
  for (const f of [...figures].sort((a, b) => rank(a) - rank(b)))
    if (!groupOrder.includes(f.group)) groupOrder.push(f.group);
  const sorted = groupOrder.flatMap((g) => figures.filter((f) => f.group === g));
  const results = {
    machine: machine(chromiumVersion(), extra.loadBefore ?? os.loadavg()),
    date: new Date().toISOString(),
    runs: RUNS,
    warmups: WARMUPS,
    durationSeconds: Math.round((performance.now() - started) / 1000),
    figures: sorted,
    extra,
  };
  console.log(`\n${markdownTable(sorted)}\n`);
  log(`done in ${results.durationSeconds} s`);
  if (WRITE) {
    writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(ROOT, 'bench/RESULTS.md'), markdown(results));
    log('wrote bench/results.json and bench/RESULTS.md');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

#!/usr/bin/env node
// `npm run bench` (= npm run build && npm run build:demo && node bench/run.js): measures the built
// extension in headless Chromium on this machine and writes bench/results.json and bench/RESULTS.md.
//
//   node bench/run.js [--runs 11] [--warmups 1] [--only sizes,popup,unlock,qr,fill,content,scale] [--write] [--no-zip]
//
// Every timed figure is the median of --runs measured runs after --warmups discarded ones, with min
// and max. With --only, nothing is written unless --write is given too. BENCH_WAIT_QUIET=<seconds>
// waits (up to that long) for a quieter machine before the browser sessions.
//
// Each group of figures is measured by its module in bench/figures/; this file runs them, in the
// order below (the vault grows from 10 to 1,000 accounts in session A), and writes the results.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startPortal } from '../tests/portal/server.js';
import { measureContentScript } from './figures/content-script.js';
import { measureFill } from './figures/fill.js';
import {
  FLOOR_FILE,
  FLOOR_HTML,
  FLOOR_SCRIPT_FILES,
  measurePopup10,
  measurePopup200,
  measurePopup1000,
} from './figures/popup.js';
import { measureQrDom, measureQrFullTab } from './figures/qr.js';
import { measureHeap10, measureScale } from './figures/scale.js';
import { measureSizes } from './figures/sizes.js';
import { measureKdf, measureUnlock } from './figures/unlock.js';
import { createBench, firstLine, log, ROOT, stackOf } from './lib/bench.js';
import { controlPage, demoBuildCopy, launchWithExtension, loadProbe } from './lib/browser.js';
import { probeScript } from './lib/bundle.js';
import { FILL_SECRET, qr164, startPageServer } from './lib/fixtures.js';
import { chromiumVersion, machine, waitForQuiet } from './lib/machine.js';
import { inTableOrder, markdown } from './lib/report.js';
import { markdownTable } from './lib/stats.js';
import { createVault, growVault } from './lib/vault.js';

/** @typedef {import('../tests/portal/server.js').Portal} Portal */
/** @typedef {import('./lib/fixtures.js').PageServer} PageServer */

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '11' },
    warmups: { type: 'string', default: '1' },
    only: { type: 'string' },
    write: { type: 'boolean', default: false },
    'no-zip': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log(
    'node bench/run.js [--runs 11] [--warmups 1] [--only sizes,popup,unlock,qr,fill,content,scale] [--write] [--no-zip]\n' +
      'Measures the built extension (npm run build && npm run build:demo first) and writes bench/results.json and\n' +
      'bench/RESULTS.md; with --only, only if --write is given too. BENCH_WAIT_QUIET=<seconds> waits for a quieter machine.',
  );
  process.exit(0);
}
const bench = createBench({ runs: Number(args.runs), warmups: Number(args.warmups), only: args.only?.split(',') });
const { want } = bench;
const WRITE = !args.only || args.write;

/**
 * Session A: one browser, the vault growing from 10 to 200 to 1,000 accounts.
 * @param {string} buildDir
 * @param {Portal} portal
 * @param {PageServer} pages
 */
async function sessionMain(buildDir, portal, pages) {
  if (!want('popup') && !want('unlock') && !want('fill') && !want('content') && !want('scale')) return;
  log('session A: vault, popup, unlock, fill, content script, scale');
  const session = await launchWithExtension(buildDir);
  try {
    const ctl = await controlPage(session);
    await createVault(ctl, portal.url); // 10 accounts
    if (want('popup')) await measurePopup10(bench, session); // popup-floor, popup-10, and both cold
    if (want('unlock')) await measureUnlock(bench, session, ctl); // unlock
    if (want('scale')) await measureHeap10(bench, session); // sw-heap-10
    if (want('fill')) await measureFill(bench, session, ctl, portal); // fill-auto, fill-click
    if (want('content')) await measureContentScript(bench, session, buildDir, portal, pages); // cs-*
    let importMs = null;
    if (want('popup') || want('scale')) {
      await growVault(ctl, 190, 9); // 200 accounts
      if (want('popup')) await measurePopup200(bench, session); // popup-200
      importMs = await growVault(ctl, 800, 199, 1000); // 1,000 accounts
      if (want('popup')) await measurePopup1000(bench, session); // popup-1000, popup-1000-cold
    }
    // sw-heap-1000, scale-unlock, scale-fill-click, scale-import-800
    if (want('scale')) await measureScale(bench, session, ctl, portal, importMs);
  } finally {
    await session.close();
  }
}

/**
 * Session P: the extension's own KDF and QR code (the probe) in its service worker.
 * @param {string} buildDir
 * @param {PageServer} pages
 * @param {string} probe
 */
async function sessionProbe(buildDir, pages, probe) {
  if (!want('unlock') && !want('qr')) return;
  log('session P: KDF and QR decoding in the service worker');
  const session = await launchWithExtension(buildDir);
  try {
    const worker = await loadProbe(session, probe);
    if (want('unlock')) await measureKdf(bench, session, worker); // kdf, unlock-message
    if (want('qr')) await measureQrDom(bench, session, worker, pages); // qr-dom-*
  } finally {
    await session.close();
  }
}

/**
 * Runs `run`; if it throws, logs it and records it in extra.errors.
 * @param {string} name
 * @param {() => Promise<void>} run
 */
async function guard(name, run) {
  try {
    await run();
  } catch (error) {
    log(`${name} failed: ${stackOf(error)}`);
    bench.extra.errors ??= [];
    bench.extra.errors.push(`${name}: ${firstLine(error)}`);
  }
}

async function main() {
  const started = performance.now();
  const tmp = mkdtempSync(join(os.tmpdir(), 'b24-bench-'));
  /** @type {(() => Promise<void>)[]} the servers' close(), the last started first */
  const servers = [];
  try {
    // What is measured is fixed first, right after the builds: the demo build copied aside, the
    // probe bundled from the same sources, the store build zipped and sized.
    const buildDir = demoBuildCopy(ROOT, tmp, { [FLOOR_FILE]: FLOOR_HTML, ...FLOOR_SCRIPT_FILES });
    log('bundling the probe (lib/qr scanImage, lib/crypto deriveKey, jsQR) with Vite');
    const probe = await probeScript(ROOT);
    if (want('sizes')) await measureSizes(bench, { zip: !args['no-zip'] }); // size-*

    bench.extra.loadBefore = await waitForQuiet();

    const pages = await startPageServer(qr164());
    servers.unshift(() => pages.close());
    const portal = await startPortal({
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
    servers.unshift(() => portal.close());
    await guard('session A (popup, unlock, fill, content script, scale)', () => sessionMain(buildDir, portal, pages));
    await guard('session P (KDF, DOM QR)', () => sessionProbe(buildDir, pages, probe));
    if (want('qr')) {
      // qr-tab-dpr1-*, qr-tab-dpr2-*
      await guard('session B (full tab, DPR 1)', () => measureQrFullTab(bench, buildDir, pages, probe, 1));
      await guard('session C (full tab, DPR 2)', () => measureQrFullTab(bench, buildDir, pages, probe, 2));
    }
  } finally {
    for (const stop of servers) await stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  const figures = inTableOrder(bench.figures);
  /** @type {import('./lib/report.js').Results} */
  const results = {
    machine: machine(chromiumVersion(), bench.extra.loadBefore ?? os.loadavg()),
    date: new Date().toISOString(),
    runs: bench.runs,
    warmups: bench.warmups,
    durationSeconds: Math.round((performance.now() - started) / 1000),
    figures,
    extra: bench.extra,
  };
  console.log(`\n${markdownTable(figures)}\n`);
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

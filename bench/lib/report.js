// The report: the figures in the order of their groups, and bench/RESULTS.md from results.json.
import { TRACE_CATEGORIES } from './trace.js';
import { KB, markdownTable } from './stats.js';

/** @typedef {import('./stats.js').Figure} Figure */

/**
 * bench/results.json.
 * @typedef {object} Results
 * @property {import('./machine.js').Machine} machine
 * @property {string} date ISO 8601
 * @property {number} runs measured runs of each timed figure
 * @property {number} warmups discarded runs before them
 * @property {number} durationSeconds
 * @property {Figure[]} figures in the order of the table
 * @property {import('./bench.js').Extra} extra
 */

/** The groups' order in the table, by the first figure id prefix each group has. */
const ORDER = ['popup', 'unlock', 'kdf', 'qr', 'fill', 'cs', 'size', 'sw', 'scale'];

/**
 * The figures grouped, groups in ORDER, each group's figures in the order they were measured.
 * @param {Figure[]} figures
 */
export function inTableOrder(figures) {
  /** @param {Figure} f */
  const rank = (f) => {
    const i = ORDER.findIndex((p) => f.id.startsWith(p));
    return i < 0 ? ORDER.length : i;
  };
  /** @type {(string | undefined)[]} */
  const groupOrder = [];
  for (const f of [...figures].sort((a, b) => rank(a) - rank(b)))
    if (!groupOrder.includes(f.group)) groupOrder.push(f.group);
  return groupOrder.flatMap((g) => figures.filter((f) => f.group === g));
}

/**
 * bench/RESULTS.md: the machine, the table of figures, how each is measured, the built files and
 * what the bundles are made of.
 * @param {Results} results
 */
export function markdown(results) {
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

${over.length ? `**Over budget:** ${over.map((f) => f.label).join('; ')}.` : '**All figures with a budget are within it.**'}
${results.extra.errors?.length ? `\n**Failed:** ${results.extra.errors.join('; ')}\n` : ''}${unmeasured.length ? `\n**Not measured:** ${unmeasured.map((f) => `${f.label} (${f.note})`).join('; ')}\n` : ''}
For scale: the most used open-source authenticator extension needs 120–135 ms to its first code with 10 accounts, 235–250 ms with 200 and 690–780 ms with 1,000 on this kind of machine, and ships a 187 KB (gzip) popup script. Here: ${['popup-10', 'popup-200', 'popup-1000'].map((id) => results.figures.find((f) => f.id === id)?.median ?? '—').join(' / ')} ms with 10 / 200 / 1,000 accounts, and a ${results.figures.find((f) => f.id === 'size-popup-js')?.median ?? '—'} KB (gzip) popup script.

${markdownTable(results.figures)}

## How each figure is measured

- **Browser**: Debian Chromium, headless, with the demo build (\`.output/chrome-mv3-demo\`, copied aside at the start so a concurrent build cannot change it) installed through puppeteer's \`installExtension\`. Protocol messages come from an extension page that runs no UI (\`chrome-extension://<id>/manifest.json\`).
- **Popup**: the vault is created at the default KDF cost, 9 accounts are imported as an otpauth:// list plus one account bound to the demo portal (10); then 190 and 800 more (200, 1,000). Each run opens \`popup.html\` in a new 320×480 tab. A script installed before the page's own (\`evaluateOnNewDocument\`) records, on the page's clock (0 = navigation start), when the first row's code button (\`li[data-account-id] button.code\`, components/popup/AccountRow.tsx) holds digits inside the viewport, then waits for the next frame (requestAnimationFrame + a task) — that is the figure. *Cold*: before each load the service worker is stopped (puppeteer's \`WebWorker.close()\`, then its target must be gone), as Chromium stops it after 30 s idle; the floor is measured the same way.
- **Unlock**: the vault is locked (\`vault-lock\`), the popup opened, the password typed and Enter pressed; from the form's \`submit\` event to the first visible code. **Argon2id alone**: lib/crypto \`deriveKey\` at the parameters read from the vault header in IndexedDB, run inside the extension's service worker (see *probe*), alternating with a bare \`vault-unlock\` message from an extension page (lock, then unlock), so the KDF and the whole unlock message are measured under the same conditions.
- **Probe**: the built bundles export nothing, so \`scanImage\` (lib/qr), \`deriveKey\` (lib/crypto) and jsQR are bundled by Vite — WXT's bundler — from the same sources (bench/probe/entry.js, bundled from the working tree at the start of the run, seconds after \`npm run build:demo\`) and evaluated in the running service worker through DevTools; they run in the same V8 context and thread as the extension's own copy. Timed with \`performance.now()\` around the call.
- **QR**: a 164×164 px QR code from \`qrencode\` (version 5, 4 px modules) served by the bench's own server on a host the extension was not granted (\`qr.test\`, so scanning relies on the popup's activeTab grant, as for a user). *DOM*: an \`<img>\` on a page; its pixels are read through a canvas at natural size (as the extension does) and decoded by the probe's \`scanImage\`; jsQR alone on the same pixels for comparison; *end to end*: the popup (opened with \`triggerExtensionAction\`, which grants activeTab as a click does) sends \`scan-tab\` and waits for the reply. *Full tab*: Chromium started with a 1920×1080 viewport (\`--window-size\`, and \`--force-device-scale-factor=2\` for DPR 2), a portal-like page whose QR is a CSS background; \`chrome.tabs.captureVisibleTab\` in the service worker, pixels through OffscreenCanvas, then \`scanImage(image, { devicePixelRatio: capture width / tab width })\` timed alone, as the extension calls it, and without options for comparison; and \`scan-tab\` end to end (source "capture"), in which the extension decodes in its offscreen document (opened for the scan and closed after it). Captures are spaced 600 ms apart (Chromium allows two a second). The discarded warm-up is the first call in the probe's fresh copy of the code, so its time (JIT cold) is given in the notes.
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

// Headless Chromium with the built extension (scripts/chromium.js, the launcher the tests use too),
// plus what the bench needs of the session: the build it installs, a page to send messages from,
// the service worker's heap, the action popup, the probe.
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchWithExtension as launch } from '../../scripts/chromium.js';

/** @typedef {import('../../lib/protocol/index.ts').Message} Message */
/**
 * The reply to `M` when it succeeded.
 * @template {Message} M
 * @typedef {Extract<import('../../lib/protocol/index.ts').Reply<M>, { ok: true }>} Success
 */
/** @typedef {Awaited<ReturnType<typeof launchWithExtension>>} Session */
/** @typedef {{ page: import('puppeteer-core').Page, send: (message: Message) => Promise<unknown> }} ControlPage */

/**
 * @param {string} buildDir an unpacked Chromium build
 * @param {{ args?: string[], defaultViewport?: import('puppeteer-core').Viewport | null }} [options]
 */
export async function launchWithExtension(buildDir, options = {}) {
  const { browser, extension } = await launch(buildDir, options);
  const swUrl = `chrome-extension://${extension.id}/background.js`;
  const workerTarget = () =>
    browser.waitForTarget((t) => t.type() === 'service_worker' && t.url() === swUrl, { timeout: 15_000 });
  return {
    browser,
    id: extension.id,
    /** The service worker as it runs now (it may have been restarted). */
    worker: async () => {
      const worker = await (await workerTarget()).worker();
      if (!worker) throw new Error('the service worker target has no worker');
      return worker;
    },
    workerTarget,
    /**
     * Stops the service worker, as Chromium does after 30 s without events, and waits until its
     * target is gone: the next message starts it afresh (the unlocked key waits in session storage).
     */
    stopWorker: async () => {
      const worker = await (await workerTarget()).worker();
      await worker?.close();
      const started = performance.now();
      while (browser.targets().some((t) => t.type() === 'service_worker' && t.url() === swUrl)) {
        if (performance.now() - started > 5_000) throw new Error('the service worker did not stop');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    close: () => browser.close(),
  };
}

/**
 * The demo build copied aside, so that another build in the tree cannot change it mid-run, with
 * `extraFiles` (name → content) added to the copy only.
 * @param {string} root the project
 * @param {string} tmp where to copy it
 * @param {Record<string, string>} extraFiles
 */
export function demoBuildCopy(root, tmp, extraFiles) {
  const src = join(root, '.output/chrome-mv3-demo');
  if (!existsSync(join(src, 'manifest.json')))
    throw new Error('no .output/chrome-mv3-demo: run npm run build:demo (npm run bench does)');
  const dest = join(tmp, 'chrome-mv3-demo');
  cpSync(src, dest, { recursive: true });
  for (const [name, content] of Object.entries(extraFiles)) writeFileSync(join(dest, name), content);
  return dest;
}

/**
 * An extension page that runs no UI (the manifest shown as a page): a trusted sender for the protocol.
 * @param {Session} session
 * @returns {Promise<ControlPage>}
 */
export async function controlPage(session) {
  const page = await session.browser.newPage();
  await page.goto(`chrome-extension://${session.id}/manifest.json`);
  return { page, send: (message) => page.evaluate((m) => chrome.runtime.sendMessage(m), message) };
}

/**
 * Sends a message and throws unless the reply is `{ ok: true, … }`.
 * @template {Message} M
 * @param {{ send: (message: Message) => Promise<unknown> }} ext
 * @param {M} message
 * @returns {Promise<Success<M>>}
 */
export async function must(ext, message) {
  const reply = /** @type {{ ok?: unknown } | null | undefined} */ (await ext.send(message));
  if (reply?.ok !== true) throw new Error(`${message.type}: ${JSON.stringify(reply)}`);
  return /** @type {Success<M>} */ (reply);
}

/**
 * The service worker's JS heap after two garbage collections (Runtime.getHeapUsage).
 * @param {Session} session
 */
export async function swHeap(session) {
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

/**
 * Deletes every cookie of the browser (a fresh sign-in on the portal).
 * @param {import('puppeteer-core').Browser} browser
 */
export async function clearCookies(browser) {
  const cookies = await browser.cookies();
  if (cookies.length) await browser.deleteCookie(...cookies);
}

/**
 * Opens the action popup on `page` (which grants activeTab, as the user's click does); returns it.
 * @param {Session} session
 * @param {import('puppeteer-core').Page} page
 */
export async function openActionPopup(session, page) {
  const extension = (await session.browser.extensions()).get(session.id);
  if (!extension) throw new Error(`extension ${session.id} is not installed`);
  await page.bringToFront();
  await page.triggerExtensionAction(extension);
  const target = await session.browser.waitForTarget((t) => t.url() === `chrome-extension://${session.id}/popup.html`, {
    timeout: 10_000,
  });
  return target.asPage();
}

/**
 * Evaluates the probe (bench/lib/bundle.js probeScript) in the running service worker; returns the worker.
 * @param {Session} session
 * @param {string} probe
 */
export async function loadProbe(session, probe) {
  const worker = await session.worker();
  await worker.evaluate(probe);
  const loaded = await worker.evaluate(
    () => typeof (/** @type {import('./probes.js').ProbeGlobal} */ (globalThis).__b24bench?.scanImage) === 'function',
  );
  if (!loaded) throw new Error('probe did not load');
  return worker;
}

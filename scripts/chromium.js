// Chromium with the built extension installed and ready: the one launcher behind the end-to-end
// tests, the benchmark, `npm start` and the screenshots. Plain JavaScript so plain Node can run it.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';

/** Fixed by the manifest `key` (wxt.config.ts). */
export const EXTENSION_ID = 'mnifipebbfhmdjoolgoloblddhbgepad';

const sleep = (/** @type {number} */ ms) => new Promise((done) => setTimeout(done, ms));

/** Debian's Chromium, or `CHROME_PATH`; says how to install it when it is missing. */
export function chromiumPath() {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install Debian's Chromium (sudo apt-get install -y chromium) ` +
        'or point CHROME_PATH at a Chromium or Chrome binary.',
    );
  }
  return path;
}

/**
 * Launches Chromium, installs the unpacked extension in `buildDir` and waits until its service
 * worker has the extension APIs and the self-hosted content script is registered (pages opened
 * before that would get none).
 * @param {string} buildDir
 * @param {{ headless?: boolean, userDataDir?: string, args?: string[],
 *   defaultViewport?: import('puppeteer-core').Viewport | null }} [options]
 */
export async function launchWithExtension(buildDir, { headless = true, userDataDir, args = [], defaultViewport } = {}) {
  if (!existsSync(resolve(buildDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${buildDir}: run \`npx wxt build --mode demo\` first (npm test does).`);
  }
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless,
    pipe: true,
    enableExtensions: true,
    ...(userDataDir ? { userDataDir } : {}),
    ...(defaultViewport !== undefined ? { defaultViewport } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Any *.test host name reaches the demo portal: a host that is not an enabled portal.
      '--host-resolver-rules=MAP *.test 127.0.0.1',
      ...args,
    ],
  });
  try {
    const id = await browser.installExtension(buildDir);
    const target = await browser.waitForTarget(
      (t) => t.type() === 'service_worker' && t.url() === `chrome-extension://${id}/background.js`,
      { timeout: 15_000 },
    );
    const worker = await target.worker();
    if (!worker) throw new Error('the extension service worker target has no worker');
    // The worker target can appear before the extension APIs are bound in it (evaluating then
    // may even fail outright); the content script is registered by onInstalled, asynchronously.
    const ready = () =>
      worker.evaluate(
        async () =>
          typeof chrome === 'object' &&
          'scripting' in chrome &&
          (await chrome.scripting.getRegisteredContentScripts()).length > 0,
      );
    for (let tries = 0; !(await ready().catch(() => false)); tries++) {
      if (tries > 200) throw new Error('the service worker never became ready');
      await sleep(50);
    }
    const extension = (await browser.extensions()).get(id);
    if (!extension) throw new Error(`extension ${id} is not listed after install`);
    return { browser, extension, worker };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

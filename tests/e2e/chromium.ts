import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Extension, type WebWorker } from 'puppeteer-core';

export const EXTENSION_ID = 'mnifipebbfhmdjoolgoloblddhbgepad';
/** `wxt build --mode demo`: the store build plus up-front access to the loopback demo portal. */
export const DEMO_BUILD = resolve(process.cwd(), '.output/chrome-mv3-demo');

export function chromiumPath(): string {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install Debian's Chromium (sudo apt-get install -y chromium) ` +
        'or point CHROME_PATH at a Chromium or Chrome binary.',
    );
  }
  return path;
}

export interface ExtensionSession {
  browser: Browser;
  extension: Extension;
  /** The extension's MV3 service worker, started. */
  worker: WebWorker;
  close(): Promise<void>;
}

/** Headless Chromium with the built extension installed and its service worker running. */
export async function launchWithExtension(
  buildDir = DEMO_BUILD,
  { headless = true, userDataDir }: { headless?: boolean; userDataDir?: string } = {},
): Promise<ExtensionSession> {
  if (!existsSync(resolve(buildDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${buildDir}: run \`npx wxt build --mode demo\` first (npm test does).`);
  }
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless,
    pipe: true,
    enableExtensions: true,
    ...(userDataDir ? { userDataDir } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Any *.test host name reaches the demo portal: a host that is not an enabled portal.
      '--host-resolver-rules=MAP *.test 127.0.0.1',
    ],
  });
  try {
    const id = await browser.installExtension(buildDir);
    const workerTarget = await browser.waitForTarget(
      (t) => t.type() === 'service_worker' && t.url() === `chrome-extension://${id}/background.js`,
      { timeout: 15_000 },
    );
    const worker = await workerTarget.worker();
    if (!worker) throw new Error('the extension service worker target has no worker');
    // The demo build's loopback grant is a self-hosted portal: its content script is registered at
    // install time, asynchronously. Pages opened before that would see no content script.
    // The worker target can appear a moment before the extension APIs are bound in it.
    for (let tries = 0; !(await worker.evaluate(() => typeof chrome === 'object' && 'scripting' in chrome)); tries++) {
      if (tries > 100) throw new Error('the service worker never got the extension APIs');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await worker.evaluate(async () => {
      while ((await chrome.scripting.getRegisteredContentScripts()).length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    const extension = (await browser.extensions()).get(id);
    if (!extension) throw new Error(`extension ${id} is not listed after install`);
    return { browser, extension, worker, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** The extension's service worker as it runs now (it may have been stopped and started since launch). */
export async function currentWorker(session: ExtensionSession): Promise<WebWorker> {
  const target = await session.browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url() === `chrome-extension://${session.extension.id}/background.js`,
  );
  const worker = await target.worker();
  if (!worker) throw new Error('the extension service worker target has no worker');
  return worker;
}

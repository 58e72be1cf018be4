import { resolve } from 'node:path';
import type { Browser, Extension, WebWorker } from 'puppeteer-core';
import { launchWithExtension as launch } from '../../scripts/chromium.js';

export { EXTENSION_ID, chromiumPath } from '../../scripts/chromium.js';
/** `wxt build --mode demo`: the store build plus up-front access to the loopback demo portal. */
/** Where `wxt build` writes: `.output`, or `B24A_OUT_DIR` for a run that must not share it. */
export const OUTPUT = resolve(process.cwd(), process.env.B24A_OUT_DIR || '.output');
export const DEMO_BUILD = resolve(OUTPUT, 'chrome-mv3-demo');

export interface ExtensionSession {
  kind: 'chromium';
  browser: Browser;
  /** `chrome-extension://<id>`: where the extension's pages live. */
  origin: string;
  extension: Extension;
  /** The extension's MV3 service worker, started. */
  worker: WebWorker;
  close(): Promise<void>;
}

/** Headless Chromium with the built extension installed and its service worker running. */
export async function launchWithExtension(
  buildDir = DEMO_BUILD,
  options: { headless?: boolean; userDataDir?: string } = {},
): Promise<ExtensionSession> {
  const { browser, extension, worker } = await launch(buildDir, options);
  return {
    kind: 'chromium',
    browser,
    origin: `chrome-extension://${extension.id}`,
    extension,
    worker,
    close: () => browser.close(),
  };
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

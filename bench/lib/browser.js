// Headless Chromium with the built extension (scripts/chromium.js, the launcher the tests use too),
// plus what the bench needs of the session.
import { launchWithExtension as launch } from '../../scripts/chromium.js';

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
    worker: async () => (await workerTarget()).worker(),
    workerTarget,
    close: () => browser.close(),
  };
}

/** Sends a message and throws unless the reply is `{ ok: true, … }`. */
export async function must(ext, message) {
  const reply = await ext.send(message);
  if (reply?.ok !== true) throw new Error(`${message.type}: ${JSON.stringify(reply)}`);
  return reply;
}

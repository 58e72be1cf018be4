// Headless Chromium with the built extension, as tests/e2e/chromium.ts launches it (plain JS here:
// the bench runs in plain Node).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';

export const EXTENSION_ID = 'mnifipebbfhmdjoolgoloblddhbgepad';

export function chromiumPath() {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`Chromium not found at ${path}: install chromium or set CHROME_PATH.`);
  return path;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @param {string} buildDir an unpacked Chromium build
 * @param {{ args?: string[], defaultViewport?: import('puppeteer-core').Viewport | null }} [options]
 */
export async function launchWithExtension(buildDir, { args = [], defaultViewport } = {}) {
  if (!existsSync(resolve(buildDir, 'manifest.json'))) throw new Error(`No built extension in ${buildDir}`);
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    pipe: true,
    enableExtensions: true,
    ...(defaultViewport !== undefined ? { defaultViewport } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--host-resolver-rules=MAP *.test 127.0.0.1',
      ...args,
    ],
  });
  try {
    const id = await browser.installExtension(buildDir);
    const swUrl = `chrome-extension://${id}/background.js`;
    const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url() === swUrl, { timeout: 15_000 });
    const worker = await target.worker();
    for (let tries = 0; !(await worker.evaluate(() => typeof chrome === 'object' && 'scripting' in chrome)); tries++) {
      if (tries > 100) throw new Error('the service worker never got the extension APIs');
      await sleep(50);
    }
    await worker.evaluate(async () => {
      while ((await chrome.scripting.getRegisteredContentScripts()).length === 0) await new Promise((r) => setTimeout(r, 50));
    });
    const session = {
      browser,
      id,
      /** The service worker as it runs now (it may have been restarted). */
      async worker() {
        const t = await browser.waitForTarget((x) => x.type() === 'service_worker' && x.url() === swUrl, { timeout: 15_000 });
        return t.worker();
      },
      workerTarget: () => browser.waitForTarget((x) => x.type() === 'service_worker' && x.url() === swUrl, { timeout: 15_000 }),
      close: () => browser.close(),
    };
    return session;
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Sends a message and throws unless the reply is `{ ok: true, … }`. */
export async function must(ext, message) {
  const reply = await ext.send(message);
  if (!reply || reply.ok !== true) throw new Error(`${message.type}: ${JSON.stringify(reply)}`);
  return reply;
}

// `npm start`: the demo portal plus Chromium with the extension (built by `npm run build:demo`).
// With a display: a visible browser to try it by hand. Without one: a headless walk-through that
// prints what happened and saves a screenshot.
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';
import { startPortal } from '../tests/portal/server.js';

const { values: args } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.PORTAL_PORT ?? '8024' },
    screenshot: { type: 'string', default: 'demo-screenshot.png' },
  },
});

const BUILD = resolve('.output/chrome-mv3-demo');
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !args.headless;

const step = (n, text) => console.log(`${String(n).padStart(2)}. ${text}`);

async function launch(headless) {
  const browser = await puppeteer.launch({
    executablePath: CHROME,
    headless,
    pipe: true,
    enableExtensions: true,
    defaultViewport: headless ? { width: 1000, height: 640 } : null,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  }).catch((error) => {
    console.error(`Could not start Chromium at ${CHROME}: ${error.message}\n` +
      'Install it with `sudo apt-get install -y chromium`, or set CHROME_PATH to a Chromium or Chrome binary.');
    process.exit(1);
  });
  const id = await browser.installExtension(BUILD);
  const worker = await (await browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${id}/`))).worker();
  // The self-hosted content script is registered when the extension installs; wait for it.
  await worker.evaluate(async () => {
    while ((await chrome.scripting.getRegisteredContentScripts()).length === 0) await new Promise((r) => setTimeout(r, 50));
  });
  return { browser, extension: (await browser.extensions()).get(id) };
}

async function interactive(portal) {
  const { browser } = await launch(false);
  const [page] = await browser.pages();
  await page.goto(portal.url);
  console.log(`Chromium is open with Bitrix24 Authenticator and the demo portal at ${portal.url}.`);
  console.log('Close the browser window or press Ctrl+C to stop.');
  await new Promise((done) => {
    browser.on('disconnected', done);
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await browser.close().catch(() => {});
}

async function walkThrough(portal) {
  console.log('No display found: a headless walk-through of the extension against the demo portal.\n');
  const { browser, extension } = await launch(true);
  try {
    step(1, `Chromium ${await browser.version()} loaded ${extension.name} ${extension.version} (id ${extension.id}).`);
    const page = await browser.newPage();
    await page.goto(`${portal.url}/auth/`);
    step(2, `Opened the demo portal's sign-in page: ${page.url()}`);
    await page.type('input[name="USER_LOGIN"]', 'alice');
    await page.type('input[name="USER_PASSWORD"]', portal.state.users.get('alice').password);
    await Promise.all([page.waitForNavigation(), page.click('form[name="form_auth"] [type="submit"]')]);
    await page.waitForSelector('input[name="USER_OTP"]', { visible: true });
    step(3, 'Signed in as alice with her password; the portal now asks for the one-time code (USER_OTP).');

    await page.triggerExtensionAction(extension);
    const popup = await (await browser.waitForTarget((t) => t.url().endsWith('/popup.html'))).asPage();
    const status = await popup.waitForSelector('[data-page-state]:not([data-page-state="loading"])');
    step(4, `Opened the extension's popup on that tab. It says: "${await status.evaluate((e) => e.textContent)}"`);

    const pageShot = await page.screenshot({ encoding: 'base64' });
    await popup.setViewport({ width: 320, height: 200 });
    const popupShot = await popup.screenshot({ encoding: 'base64' });
    const board = await browser.newPage();
    await board.setViewport({ width: 1360, height: 660 });
    await board.setContent(`<body style="margin:0;padding:10px;background:#e9edf1;display:flex;gap:20px;align-items:flex-start">
      <img src="data:image/png;base64,${pageShot}" style="box-shadow:0 1px 6px #0004">
      <img src="data:image/png;base64,${popupShot}" style="box-shadow:0 1px 6px #0004"></body>`);
    const file = resolve(args.screenshot);
    await mkdir(dirname(file), { recursive: true });
    await board.screenshot({ path: file });
    step(5, `Saved a screenshot of the page and the popup: ${file}`);
    console.log('\nThe portal keeps running alone with `npm run portal`; on a machine with a display,');
    console.log('`npm start` opens a visible Chromium with the extension instead.');
  } finally {
    await browser.close();
  }
}

const portal = await startPortal({ port: Number(args.port), secondPort: Number(args.port) + 1 });
try {
  await (hasDisplay ? interactive(portal) : walkThrough(portal));
} finally {
  await portal.close();
}

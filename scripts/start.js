// `npm start`: the demo portal plus Chromium with the extension (built by `npm run build:demo`).
// With a display: a visible browser to try it by hand. Without one: a headless walk-through that
// prints what happened and saves a screenshot.
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startPortal } from '../tests/portal/server.js';
import { launchWithExtension } from './chromium.js';

/** @typedef {import('../tests/portal/server.js').Portal} Portal */
/** @typedef {import('../lib/protocol/index.ts').Message} Message */

const { values: args } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.PORTAL_PORT ?? '8024' },
    screenshot: { type: 'string', default: 'demo-screenshot.png' },
  },
});

const BUILD = resolve('.output/chrome-mv3-demo');
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !args.headless;
const DEMO_MASTER_PASSWORD = 'demo master password 1';

/**
 * @param {number} n
 * @param {string} text
 */
const step = (n, text) => console.log(`${String(n).padStart(2)}. ${text}`);

/** @param {boolean} headless */
async function launch(headless) {
  return launchWithExtension(BUILD, {
    headless,
    defaultViewport: headless ? { width: 1000, height: 640 } : null,
  }).catch((error) => {
    console.error(`Could not start Chromium with the extension: ${error.message}`);
    process.exit(1);
  });
}

/**
 * A visible Chromium on the demo portal, until the user closes it.
 * @param {Portal} portal
 */
async function interactive(portal) {
  const { browser } = await launch(false);
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  await page.goto(`${portal.url}/demo/`);
  console.log(`Chromium is open with Bitrix24 Authenticator and the demo portal at ${portal.url}/demo/.`);
  console.log('Click the extension icon to create your vault, open the Security page as carol to enrol,');
  console.log(
    'or add alice by her key (printed above) and sign in as alice. Close the window or press Ctrl+C to stop.',
  );
  await new Promise((done) => {
    browser.on('disconnected', done);
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await browser.close().catch(() => {});
}

/**
 * Headless: create a vault, add alice, sign in, fill, and save a screenshot; print each step.
 * @param {Portal} portal
 */
async function walkThrough(portal) {
  console.log('No display found: a headless walk-through of the extension against the demo portal.\n');
  const { browser, extension } = await launch(true);
  try {
    step(1, `Chromium ${await browser.version()} loaded ${extension.name} ${extension.version} (id ${extension.id}).`);
    const ext = await browser.newPage();
    await ext.goto(`chrome-extension://${extension.id}/popup.html`);
    /** @param {Message} message */
    const send = (message) => ext.evaluate((m) => chrome.runtime.sendMessage(m), message);
    await send({ type: 'vault-create', password: DEMO_MASTER_PASSWORD });
    const alice = portal.state.users.get('alice');
    if (!alice?.otp) throw new Error('the demo portal has no user alice with an authenticator');
    const host = new URL(portal.url).hostname;
    await send({
      type: 'account-add',
      uri: `otpauth://totp/${host}%3Aalice?secret=${alice.otp.secret}&issuer=${host}`,
      origins: [portal.url],
    });
    await ext.close();
    step(2, `Created an encrypted vault and added alice's authenticator, bound to ${portal.url}.`);

    const page = await browser.newPage();
    // Today's Bitrix24 sign-in page: its code step is built by script after the password step.
    await page.goto(`${portal.url}/login/modern/`);
    await page.type('input[name="USER_LOGIN"]', 'alice');
    await page.type('input[name="USER_PASSWORD"]', alice.password);
    await Promise.all([page.waitForNavigation(), page.click('form[name="form_auth"] [type="submit"]')]);
    await page.waitForSelector('input[name="USER_OTP"]', { visible: true });
    step(
      3,
      `Signed in to ${portal.url}/login/modern/ as alice with her password; the portal asks for the one-time code.`,
    );

    const fillButton = await page.waitForSelector('aria/Fill the one-time code');
    if (!fillButton) throw new Error('no fill button beside the code field');
    await fillButton.click();
    await page.waitForFunction(
      () => /** @type {HTMLInputElement} */ (document.querySelector('input[name="USER_OTP"]')).value !== '',
    );
    const code = await page.$eval('input[name="USER_OTP"]', (input) => input.value);
    step(4, `Clicked the extension's button beside the field: it filled ${code}.`);

    await page.triggerExtensionAction(extension);
    const popup = await (await browser.waitForTarget((t) => t.url().endsWith('/popup.html'))).asPage();
    await popup.waitForSelector('[data-page-state]:not([data-page-state="loading"])');
    await popup.setViewport({ width: 360, height: 480 });
    const popupShot = await popup.screenshot({ encoding: 'base64' });
    const pageShot = await page.screenshot({ encoding: 'base64' });
    await popup.close();

    await Promise.all([page.waitForNavigation(), page.click('form[name="form_auth"] [type="submit"]')]);
    const signedIn = await page
      .$eval('[data-role="signed-in-as"]', (e) => e.textContent.trim())
      .catch(() => page.title());
    step(5, `Submitted the form. The portal says: "${signedIn}"`);

    const board = await browser.newPage();
    await board.setViewport({ width: 1400, height: 660 });
    await board.setContent(`<body style="margin:0;padding:10px;background:#e9edf1;display:flex;gap:20px;align-items:flex-start">
      <img src="data:image/png;base64,${pageShot}" style="box-shadow:0 1px 6px #0004">
      <img src="data:image/png;base64,${popupShot}" style="box-shadow:0 1px 6px #0004"></body>`);
    const file = resolve(args.screenshot);
    await mkdir(dirname(file), { recursive: true });
    await board.screenshot({ path: file });
    step(6, `Saved a screenshot of the filled code step and the popup: ${file}`);
    console.log('\nThe portal runs alone with `npm run portal`; on a machine with a display, `npm start`');
    console.log('opens a visible Chromium with the extension instead.');
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

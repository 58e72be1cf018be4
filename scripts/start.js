// `npm start`: the demo portal plus Chromium with the extension (built by `npm run build:demo`);
// `npm run start:firefox` (`--browser firefox`): the same in Firefox.
// With a display: a visible browser to try it by hand. Without one: a headless walk-through that
// prints what happened and saves a screenshot. The browser is `CHROME_PATH` or the first Chromium,
// Google Chrome or Microsoft Edge found where they are usually installed (scripts/chromium.js).
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startPortal } from '../tests/portal/server.js';
import { chromiumPath, launchWithExtension } from './chromium.js';
import {
  fillThroughToolbarPopup,
  firefoxPath,
  gotoExtensionPage,
  launchFirefoxWithExtension,
  popupPageFor,
} from './firefox.js';

/** @typedef {import('../tests/portal/server.js').Portal} Portal */
/** @typedef {import('../lib/protocol/index.ts').Message} Message */

const { values: args } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.PORTAL_PORT ?? '8024' },
    screenshot: { type: 'string', default: 'demo-screenshot.png' },
    // `npm run start:firefox`: the same in Firefox (Debian's firefox-esr, or FIREFOX_PATH).
    browser: { type: 'string', default: 'chromium' },
  },
});
if (args.browser !== 'chromium' && args.browser !== 'firefox') {
  console.error(`--browser is chromium or firefox, not ${args.browser}`);
  process.exit(1);
}
const BROWSER = /** @type {'chromium' | 'firefox'} */ (args.browser);

/** Where `wxt build --mode demo` wrote its builds: `.output`, or `B24A_OUT_DIR` as in wxt.config.ts. */
const OUTPUT = process.env.B24A_OUT_DIR || '.output';
/** macOS and Windows always have a screen; Linux and the other Unixes have one when X or Wayland runs. */
const hasDisplay =
  !args.headless &&
  (process.platform === 'darwin' ||
    process.platform === 'win32' ||
    Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY));
const DEMO_MASTER_PASSWORD = 'demo master password 1';

/**
 * @param {number} n
 * @param {string} text
 */
const step = (n, text) => console.log(`${String(n).padStart(2)}. ${text}`);

const sleep = (/** @type {number} */ ms) => new Promise((done) => setTimeout(done, ms));

/**
 * The message alone, no stack trace, and stop.
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(message);
  process.exit(1);
}

/**
 * The browser's executable, as `find` locates it, and said on the console; ends the script with
 * `find`'s message when there is none.
 * @param {() => string} find
 */
function locateBrowser(find) {
  /** @type {string} */
  let path;
  try {
    path = find();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  console.log(`Browser: ${path}`);
  return path;
}

/**
 * What the walk-through needs from a browser: Chromium and Firefox differ in how an extension page
 * is opened, how the in-page button is clicked (Firefox's selectors do not enter its closed shadow
 * root) and where the popup is (Firefox's toolbar popup cannot be driven; its own window can).
 * @typedef {object} Driver
 * @property {string} name
 * @property {string} build
 * @property {import('puppeteer-core').Browser} browser
 * @property {string} describe
 * @property {(file: string) => Promise<Page>} openExtension
 * @property {(page: Page, message: Message) => Promise<any>} send
 * @property {(page: Page) => Promise<void>} fill
 * @property {(page: Page) => Promise<Page>} popupFor
 */
/** @typedef {import('puppeteer-core').Page} Page */

/**
 * @param {'chromium' | 'firefox'} name
 * @param {boolean} headless
 * @returns {Promise<Driver>}
 */
async function launch(name, headless) {
  const defaultViewport = headless ? { width: 1000, height: 640 } : null;
  const failed = (/** @type {Error} */ error) =>
    fail(`Could not start the browser with the extension.\n${error.message}`);
  if (name === 'firefox') {
    const build = resolve(OUTPUT, 'firefox-mv3-demo');
    locateBrowser(firefoxPath);
    const {
      browser: firefox,
      id,
      origin,
    } = await launchFirefoxWithExtension(build, { headless, defaultViewport }).catch(failed);
    /** @type {Driver} */
    const driver = {
      name: 'Firefox',
      build,
      browser: firefox,
      describe: `${await firefox.version()} loaded the extension (${id})`,
      async openExtension(file) {
        const page = await firefox.newPage();
        await gotoExtensionPage(page, `${origin}/${file}`);
        return page;
      },
      // Firefox's extension pages have `browser` (typed here as puppeteer's, hence the cast).
      send: (page, message) =>
        page.evaluate((m) => /** @type {any} */ (globalThis).browser.runtime.sendMessage(m), message),
      fill: (page) => fillThroughToolbarPopup(firefox, page),
      popupFor: (page) => popupPageFor(firefox, page),
    };
    return driver;
  }
  const executablePath = locateBrowser(chromiumPath);
  const build = resolve(OUTPUT, 'chrome-mv3-demo');
  const { browser, extension } = await launchWithExtension(build, { headless, executablePath, defaultViewport }).catch(
    failed,
  );
  return {
    name: 'Chromium',
    build,
    browser,
    describe: `${await browser.version()} loaded ${extension.name} ${extension.version} (id ${extension.id})`,
    async openExtension(file) {
      const page = await browser.newPage();
      await page.goto(`chrome-extension://${extension.id}/${file}`);
      return page;
    },
    send: (page, message) => page.evaluate((m) => chrome.runtime.sendMessage(m), message),
    async fill(page) {
      const fillButton = await page.waitForSelector('aria/Fill the one-time code');
      if (!fillButton) throw new Error('no fill button beside the code field');
      // A click counts only once the button has been in view and still for a moment (SETTLE_MS, 500 ms,
      // in lib/fill/click-guard.ts); an earlier one opens the popup instead. As a person would, wait.
      await fillButton.scrollIntoView();
      await sleep(750);
      await fillButton.click();
    },
    async popupFor(page) {
      await page.bringToFront();
      await page.triggerExtensionAction(extension);
      const popup = await (await browser.waitForTarget((t) => t.url().endsWith('/popup.html'))).asPage();
      await popup.setViewport({ width: 360, height: 480 });
      return popup;
    },
  };
}

/**
 * A visible browser on the demo portal, until the user closes it.
 * @param {Portal} portal
 */
async function interactive(portal) {
  const { browser, name } = await launch(BROWSER, false);
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  await page.goto(`${portal.url}/demo/`);
  console.log(`${name} is open with Bitrix24 Authenticator and the demo portal at ${portal.url}/demo/.`);
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
  const driver = await launch(BROWSER, true);
  const { browser } = driver;
  try {
    step(1, `${driver.describe}.`);
    const ext = await driver.openExtension('popup.html');
    await driver.send(ext, { type: 'vault-create', password: DEMO_MASTER_PASSWORD });
    const alice = portal.state.users.get('alice');
    if (!alice?.otp) throw new Error('the demo portal has no user alice with an authenticator');
    const host = new URL(portal.url).hostname;
    await driver.send(ext, {
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

    await driver.fill(page);
    await page.waitForFunction(
      () => /** @type {HTMLInputElement} */ (document.querySelector('input[name="USER_OTP"]')).value !== '',
    );
    const code = await page.$eval('input[name="USER_OTP"]', (input) => input.value);
    step(
      4,
      driver.name === 'Firefox'
        ? `Clicked the extension's button beside the field, then Fill in the popup it opens: it filled ${code}.`
        : `Clicked the extension's button beside the field: it filled ${code}.`,
    );

    const popup = await driver.popupFor(page);
    await popup.waitForSelector('[data-page-state]:not([data-page-state="loading"])');
    const popupShot = await popup.screenshot({ encoding: 'base64' });
    await popup.close();
    await page.bringToFront();
    const pageShot = await page.screenshot({ encoding: 'base64' });

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
    console.log(`(or \`npm run start:firefox\`) opens a visible ${driver.name} with the extension instead.`);
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

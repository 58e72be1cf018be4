// Screenshots of the real extension for the README: the popup (light and dark) on the demo
// portal's code step, and the options page; with `--browser firefox`, Firefox's popup on that step
// and the step once filled. Build first: npm run build:demo
// Usage: node scripts/screenshots.js [--out docs/screenshots] [--browser firefox]
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startPortal } from '../tests/portal/server.js';
import { launchWithExtension } from './chromium.js';
import { fillThroughToolbarPopup, gotoExtensionPage, launchFirefoxWithExtension, popupPageFor } from './firefox.js';

/** @typedef {import('puppeteer-core').Browser} Browser */
/** @typedef {import('puppeteer-core').Extension} Extension */
/** @typedef {import('puppeteer-core').Page} Page */
/** @typedef {import('../tests/portal/server.js').Portal} Portal */
/** @typedef {import('../lib/protocol/index.ts').Message} Message */

const { values: args } = parseArgs({
  options: { out: { type: 'string', default: 'docs/screenshots' }, browser: { type: 'string', default: 'chromium' } },
});
const FIREFOX = args.browser === 'firefox';
const BUILD = resolve(FIREFOX ? '.output/firefox-mv3-demo' : '.output/chrome-mv3-demo');
const OUT = resolve(args.out);
const PASSWORD = 'screenshot vault password';

if (!existsSync(resolve(BUILD, 'manifest.json'))) {
  console.error(`No built extension in ${BUILD}: run \`npm run build:demo\` first.`);
  process.exit(1);
}

/** A random Base32 key: the screenshots show codes, and no real account's. */
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const randomKey = () => [...randomBytes(20)].map((b) => BASE32[b % 32]).join('');

/**
 * Made-up accounts on made-up portals, the way a user with several companies would have them:
 * issuer, label, portal, type and (when not a random one) the secret.
 * @type {Array<[string, string, string, 'totp' | 'hotp', string?]>}
 */
const SAMPLE_ACCOUNTS = [
  ['Northwind Trading', 'anna.petrova', 'https://northwind.bitrix24.com', 'totp'],
  ['Contoso Ltd', 'a.petrova@contoso.example', 'https://contoso.bitrix24.de', 'totp'],
  ['Fabrikam', 'anna', 'https://fabrikam.bitrix24.es', 'hotp'],
  ['Tailspin Toys', 'apetrova', 'https://tailspin.bitrix24.com.br', 'totp'],
];

/**
 * alice, the demo portal's user with an authenticator: her password and secret.
 * @param {Portal} portal
 */
function alice(portal) {
  const user = portal.state.users.get('alice');
  if (!user?.otp) throw new Error('the demo portal has no user alice with an authenticator');
  return { password: user.password, secret: user.otp.secret };
}

async function launch() {
  const { browser, extension } = await launchWithExtension(BUILD, {
    args: ['--force-device-scale-factor=2', '--lang=en-US'],
  });
  return { browser, extension };
}

/**
 * A vault with the sample accounts and one bound to the demo portal (alice's secret), set up from
 * `page`, an extension page, whose `send` is the browser's runtime.sendMessage there.
 * @param {Page} page
 * @param {(message: Message) => Promise<any>} send
 * @param {Portal} portal
 */
async function setUpVault(page, send, portal) {
  /** @param {Message} message */
  const ok = async (message) => {
    const reply = await send(message);
    if (!reply?.ok) throw new Error(`${message.type}: ${reply?.message ?? 'no reply'}`);
    return reply;
  };
  await ok({ type: 'vault-create', password: PASSWORD });
  const host = new URL(portal.url).host;
  /** @type {typeof SAMPLE_ACCOUNTS} */
  const accounts = [...SAMPLE_ACCOUNTS, ['Demo portal', 'alice', portal.url, 'totp', alice(portal).secret]];
  for (const [issuer, label, origin, type, secret = randomKey()] of accounts) {
    const tail = type === 'hotp' ? 'counter=12' : 'period=30';
    const uri = `otpauth://${type}/${encodeURIComponent(issuer)}:${encodeURIComponent(label)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&${tail}`;
    await ok({ type: 'account-add', uri, origins: [origin] });
  }
  console.log(`Vault with ${accounts.length} accounts; "Demo portal" is bound to ${host}.`);
  await page.close();
}

/**
 * A tab on the portal's code step, signed in as alice.
 * @param {Browser} browser
 * @param {Portal} portal
 */
async function toCodeStep(browser, portal) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 640 });
  await page.goto(`${portal.url}/auth/`);
  await page.type('input[name="USER_LOGIN"]', 'alice');
  await page.type('input[name="USER_PASSWORD"]', alice(portal).password);
  await Promise.all([page.waitForNavigation(), page.click('form[name="form_auth"] [type="submit"]')]);
  await page.waitForSelector('input[name="USER_OTP"]', { visible: true });
  return page;
}

/**
 * The popup opened on `page`, light and dark.
 * @param {Browser} browser
 * @param {Extension} extension
 * @param {Page} page
 */
async function popupShots(browser, extension, page) {
  await page.bringToFront();
  await page.triggerExtensionAction(extension);
  const popup = await (
    await browser.waitForTarget((t) => t.url() === `chrome-extension://${extension.id}/popup.html`)
  ).asPage();
  await popup.waitForSelector('li.account button.fill');
  // Blur the search box so no focus ring is in the picture.
  await popup.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
  for (const scheme of ['light', 'dark']) {
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await popup.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const box = await (await popup.$('.popup'))?.boundingBox();
    if (!box) throw new Error('the popup has no .popup box');
    const file = resolve(OUT, `popup-${scheme}.png`);
    await writeFile(file, await popup.screenshot({ clip: box }));
    console.log(`Saved ${file}`);
  }
  await popup.close();
}

/**
 * The options page, light and dark.
 * @param {Browser} browser
 * @param {Extension} extension
 */
async function optionsShot(browser, extension) {
  const page = await browser.newPage();
  await page.setViewport({ width: 900, height: 1000 });
  await page.goto(`chrome-extension://${extension.id}/options.html`);
  await page.waitForSelector('#settings-heading');
  await page.waitForSelector('#import-heading');
  for (const scheme of ['light', 'dark']) {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    const file = resolve(OUT, scheme === 'light' ? 'options.png' : 'options-dark.png');
    // The settings and portal access, as the page opens; the rest is below the fold.
    await writeFile(file, await page.screenshot({ clip: { x: 0, y: 0, width: 900, height: 1000 } }));
    console.log(`Saved ${file}`);
  }
  await page.close();
}

/**
 * Firefox: its popup on the code step (in a tab of its own, as the extension opens it when the
 * toolbar popup cannot open: the toolbar popup cannot be photographed here), and the step once the
 * button and the popup's Fill have filled it.
 * @param {Portal} portal
 */
async function firefoxShots(portal) {
  const { browser, origin } = await launchFirefoxWithExtension(BUILD, {
    prefs: { 'layout.css.devPixelsPerPx': '2.0' },
  });
  try {
    const ext = await browser.newPage();
    await gotoExtensionPage(ext, `${origin}/options.html`);
    await setUpVault(
      ext,
      (m) => ext.evaluate((message) => /** @type {any} */ (globalThis).browser.runtime.sendMessage(message), m),
      portal,
    );
    const page = await toCodeStep(browser, portal);
    const popup = await popupPageFor(browser, page);
    await popup.waitForSelector('li.account button.fill');
    await popup.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
    const box = await (await popup.$('.popup'))?.boundingBox();
    if (!box) throw new Error('the popup has no .popup box');
    await writeFile(resolve(OUT, 'firefox-popup.png'), await popup.screenshot({ clip: box }));
    console.log(`Saved ${resolve(OUT, 'firefox-popup.png')}`);
    await popup.close();
    await fillThroughToolbarPopup(browser, page);
    await page.waitForFunction(
      () => /** @type {HTMLInputElement} */ (document.querySelector('input[name="USER_OTP"]')).value !== '',
    );
    await page.bringToFront();
    await writeFile(resolve(OUT, 'firefox-filled.png'), await page.screenshot());
    console.log(`Saved ${resolve(OUT, 'firefox-filled.png')}`);
  } finally {
    await browser.close();
  }
}

await mkdir(OUT, { recursive: true });
const portal = await startPortal({ port: 0 });
try {
  if (FIREFOX) await firefoxShots(portal);
  else {
    const { browser, extension } = await launch();
    try {
      const ext = await browser.newPage();
      await ext.goto(`chrome-extension://${extension.id}/options.html`);
      await setUpVault(ext, (m) => ext.evaluate((message) => chrome.runtime.sendMessage(message), m), portal);
      const page = await toCodeStep(browser, portal);
      await popupShots(browser, extension, page);
      await optionsShot(browser, extension);
    } finally {
      await browser.close();
    }
  }
} finally {
  await portal.close();
}

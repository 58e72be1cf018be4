// Firefox with the built extension installed and ready: the launcher behind the Firefox end-to-end
// tests and `npm run start:firefox`. Plain JavaScript so plain Node can run it. What it works around
// is written up in ../shared/FIREFOX.md (verified with Debian's firefox-esr and WebDriver BiDi).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';

/** The gecko id in wxt.config.ts. */
export const GECKO_ID = 'bitrix24-authenticator@bitrix24-authenticator.dev';
/** Fixed per profile through `extensions.webextensions.uuids`, so tests can name the extension's pages. */
export const FIREFOX_EXTENSION_UUID = '6f1b3c9e-24a0-4b8e-9d2a-b24a00000001';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

const sleep = (/** @type {number} */ ms) => new Promise((done) => setTimeout(done, ms));

/** Debian's Firefox ESR, or `FIREFOX_PATH`; says how to install it when it is missing. */
export function firefoxPath() {
  const path = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!existsSync(path)) {
    throw new Error(
      `Firefox not found at ${path}. Install Debian's Firefox ESR (sudo apt-get install -y firefox-esr) ` +
        'or point FIREFOX_PATH at a Firefox binary.',
    );
  }
  return path;
}

/**
 * Launches Firefox, installs the unpacked extension in `buildDir` as a temporary add-on and waits
 * until its background page answers and the self-hosted content script is registered.
 * @param {string} buildDir
 * @param {{ headless?: boolean, userDataDir?: string, prefs?: Record<string, unknown>,
 *   defaultViewport?: import('puppeteer-core').Viewport | null }} [options]
 */
export async function launchFirefoxWithExtension(
  buildDir,
  { headless = true, userDataDir, prefs = {}, defaultViewport } = {},
) {
  const manifest = resolve(buildDir, 'manifest.json');
  if (!existsSync(manifest)) {
    throw new Error(
      `No built extension in ${buildDir}: run \`npx wxt build -b firefox --mode demo\` first (npm test does).`,
    );
  }
  const id = JSON.parse(readFileSync(manifest, 'utf8')).browser_specific_settings?.gecko?.id ?? GECKO_ID;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless,
    ...(userDataDir ? { userDataDir } : {}),
    ...(defaultViewport !== undefined ? { defaultViewport } : {}),
    // Extension pages can be opened in a tab only with this (test profiles only: it gives the
    // loopback remote protocol browser privileges).
    args: ['-remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [id]: FIREFOX_EXTENSION_UUID }),
      // Host access granted from the options page without a prompt puppeteer cannot answer.
      'extensions.webextOptionalPermissionPrompts': false,
      'browser.shell.checkDefaultBrowser': false,
      ...prefs,
    },
  });
  try {
    const installed = await browser.installExtension(buildDir);
    if (installed !== id) throw new Error(`installed ${installed}, expected ${id}`);
    return { browser, id, origin: FIREFOX_EXTENSION_ORIGIN };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/**
 * Opens one of the extension's pages in `page`. `page.goto()` never resolves for extension pages in
 * Firefox (no load events, Mozilla bug 1755014): navigate the BiDi browsing context without waiting
 * and poll until the document is complete.
 * @param {import('puppeteer-core').Page} page
 * @param {string} url
 */
export async function gotoExtensionPage(page, url) {
  const frame = /** @type {{ browsingContext?: { navigate(url: string, wait: string): Promise<unknown> } }} */ (
    /** @type {unknown} */ (page.mainFrame())
  );
  if (!frame.browsingContext) throw new Error('not a WebDriver BiDi page: cannot open an extension page in Firefox');
  await frame.browsingContext.navigate(url, 'none');
  for (let tries = 0; ; tries++) {
    const ready = await page
      .evaluate((target) => location.href === target && document.readyState === 'complete', url)
      .catch(() => false);
    if (ready) return;
    if (tries > 200) throw new Error(`${url} did not load`);
    await sleep(50);
  }
}

/**
 * The extension's button beside the code field, clicked as a user does, then Fill in the toolbar
 * popup it opens (without IntersectionObserver v2 the button cannot tell it was seen, so its click
 * opens the popup). Firefox's selectors do not enter the button's closed shadow root, and WebDriver
 * BiDi cannot drive the toolbar popup: the click goes where the button is drawn, and an extension
 * page reaches the popup's document through `extension.getViews`.
 * @param {import('puppeteer-core').Browser} browser
 * @param {import('puppeteer-core').Page} page
 */
export async function fillThroughToolbarPopup(browser, page) {
  const host = await page.waitForSelector('b24a-fill', { visible: true });
  const box = await host?.boundingBox();
  if (!box) throw new Error('no fill button beside the code field');
  const ext = await browser.newPage();
  await gotoExtensionPage(ext, `${FIREFOX_EXTENSION_ORIGIN}/popup.html`);
  await page.bringToFront();
  await sleep(750);
  await page.mouse.click(box.x + 12, box.y + 12);
  await ext.waitForFunction(() => {
    const popup = /** @type {any} */ (globalThis).browser.extension.getViews({ type: 'popup' })[0];
    const fill = popup?.document.querySelector('li.account button.fill');
    fill?.click();
    return Boolean(fill);
  });
  await ext.close();
}

/**
 * The popup in a tab of its own for `page`'s tab, as the extension opens it when the toolbar popup
 * cannot open (popup.html?tab=): a page puppeteer can drive and photograph.
 * @param {import('puppeteer-core').Browser} browser
 * @param {import('puppeteer-core').Page} page
 */
export async function popupPageFor(browser, page) {
  const ext = await browser.newPage();
  await gotoExtensionPage(ext, `${FIREFOX_EXTENSION_ORIGIN}/popup.html`);
  const tabs = await ext.evaluate(() => /** @type {any} */ (globalThis).browser.tabs.query({}));
  await ext.close();
  const tab = tabs.find((/** @type {{ url?: string }} */ t) => t.url === page.url());
  if (!tab) throw new Error(`no tab shows ${page.url()}`);
  const popup = await browser.newPage();
  await popup.setViewport({ width: 360, height: 480 });
  await gotoExtensionPage(popup, `${FIREFOX_EXTENSION_ORIGIN}/popup.html?tab=${tab.id}`);
  return popup;
}

import { resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { FIREFOX_EXTENSION_ORIGIN, launchFirefoxWithExtension } from '../../scripts/firefox.js';
import { OUTPUT } from './chromium';

export { gotoExtensionPage } from '../../scripts/firefox.js';
/** `wxt build -b firefox --mode demo`: the Firefox build plus up-front access to the loopback demo portal. */
export const FIREFOX_DEMO_BUILD = resolve(OUTPUT, 'firefox-mv3-demo');

export interface FirefoxSession {
  kind: 'firefox';
  browser: Browser;
  /** `moz-extension://<uuid>`, fixed for the profile by the launcher. */
  origin: string;
  close(): Promise<void>;
}

/** Headless Firefox ESR with the built extension installed as a temporary add-on. */
export async function launchFirefox(
  buildDir = FIREFOX_DEMO_BUILD,
  options: { headless?: boolean; userDataDir?: string; prefs?: Record<string, unknown> } = {},
): Promise<FirefoxSession> {
  const { browser } = await launchFirefoxWithExtension(buildDir, options);
  return { kind: 'firefox', browser, origin: FIREFOX_EXTENSION_ORIGIN, close: () => browser.close() };
}

/**
 * A window or tab the extension opened on one of its pages (`path`, its start). WebDriver BiDi
 * reports such a context as about:blank (Firefox sends no navigation events for extension pages),
 * so each page is asked where it is.
 */
export async function extensionWindow(session: FirefoxSession, path: string, timeout = 10_000): Promise<Page> {
  const wanted = `${session.origin}/${path}`;
  for (const started = Date.now(); Date.now() - started < timeout; ) {
    for (const page of await session.browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(wanted)) return page;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the extension opened no ${path}`);
}

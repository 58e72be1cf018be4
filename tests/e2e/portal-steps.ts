import type { Page } from 'puppeteer-core';
import type { ExtensionSession } from './chromium';

/** The classic component form's first step: login and password, then the portal's next page. */
export async function signInWithPassword(page: Page, login: string, password: string): Promise<void> {
  await page.type('input[name="USER_LOGIN"]', login);
  await page.type('input[name="USER_PASSWORD"]', password);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

/** Clicks the extension's toolbar button on `page`, as a user would, and returns the popup. */
export async function openPopup(session: ExtensionSession, page: Page): Promise<Page> {
  await page.bringToFront();
  // The popup is a new target: an extension page already open as a tab has the same URL.
  const before = new Set(session.browser.targets());
  await page.triggerExtensionAction(session.extension);
  const target = await session.browser.waitForTarget(
    (t) => !before.has(t) && t.url() === `chrome-extension://${session.extension.id}/popup.html`,
    { timeout: 10_000 },
  );
  return target.asPage();
}

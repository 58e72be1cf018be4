import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { SETTLE_MS } from '@/lib/fill/click-guard';
import type { BrowserSession, ExtensionPage } from './extension-page';
import { clickInToolbarPopup, closeToolbarPopup, waitForToolbarPopup } from './toolbar-popup';

/**
 * The in-page button acts on a click only once it has been in view, visible and still for a moment
 * (lib/fill/click-guard), as it is before a person clicks it: a test scrolls to it and waits too.
 */
export async function settle(button: ElementHandle | null): Promise<void> {
  await button?.scrollIntoView();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 250));
}

const firefox = new WeakMap<Browser, boolean>();

/**
 * Firefox's selectors do not enter closed shadow roots: a trusted click at `x(box)` px from the left
 * of the extension's element `host` (in the page's DOM), 12 px down, where its button is drawn.
 */
export async function clickWhereDrawn(page: Page, host: string, x: (box: { width: number }) => number): Promise<void> {
  // A user clicks in the tab in front; the popup a click opens acts on the active tab.
  await page.bringToFront();
  const element = await page.waitForSelector(host, { visible: true, timeout: 10_000 });
  await settle(element);
  const box = await element!.boundingBox();
  if (!box) throw new Error(`${host} is not drawn`);
  await page.mouse.click(box.x + x(box), box.y + 12);
}

/** Whether `page` is in Firefox (WebDriver BiDi), where some steps take another way. */
export async function inFirefox(page: Page): Promise<boolean> {
  const browser = page.browser();
  if (!firefox.has(browser)) firefox.set(browser, (await browser.version()).toLowerCase().startsWith('firefox'));
  return firefox.get(browser)!;
}

/**
 * A real (trusted) mouse click on the main fill button, or on the recovery-code one beside it,
 * found by its accessible name as a user finds it (the buttons live in a closed shadow root).
 * Firefox's selectors do not enter closed shadow roots: there the click lands where the button is
 * drawn, the first (main) or last (recovery) 24 px square of the row (entrypoints/bitrix.content/fill-button.ts).
 */
export async function clickFillButton(page: Page, which: 'otp' | 'recovery' = 'otp'): Promise<void> {
  if (await inFirefox(page))
    return clickWhereDrawn(page, 'b24a-fill', (box) => (which === 'otp' ? 12 : box.width - 12));
  const name = which === 'otp' ? 'Fill the one-time code' : 'Use a recovery code instead';
  const button = await page.waitForSelector(`aria/${name}`, { timeout: 10_000 });
  await settle(button);
  await button!.click();
}

async function codeFieldValue(page: Page): Promise<string> {
  return page.$eval('input[name="USER_OTP"]', (input) => (input as HTMLInputElement).value);
}

/** Waits until the code field holds what `predicate` accepts (the extension fills asynchronously). */
export async function waitForFieldValue(
  page: Page,
  predicate: (value: string) => boolean,
  timeout = 5_000,
): Promise<string> {
  const started = Date.now();
  for (;;) {
    const value = await codeFieldValue(page);
    if (predicate(value)) return value;
    if (Date.now() - started > timeout) throw new Error(`the code field still holds "${value}"`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * All text in the page, its frames and shadow roots, closed ones included (DevTools sees through
 * them), so a test reads the extension's notes as a user reads them on screen.
 */
export async function pageText(page: Page): Promise<string> {
  const cdp = await page.createCDPSession();
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const texts: string[] = [];
    const walk = (node: typeof root) => {
      if (node.nodeType === 3 && node.nodeValue.trim()) texts.push(node.nodeValue.trim());
      for (const child of [
        ...(node.children ?? []),
        ...(node.shadowRoots ?? []),
        ...(node.contentDocument ? [node.contentDocument] : []),
      ])
        walk(child);
    };
    walk(root);
    return texts.join('\n');
  } finally {
    await cdp.detach();
  }
}

/**
 * Fills `login`'s one-time code with the extension's button as a user of this browser does.
 * Chromium: the button fills, after the user picks `login` where several accounts are bound.
 * Firefox: the button opens the toolbar popup, whose Fill on `login`'s row fills.
 */
export async function fillWithButton(
  session: BrowserSession,
  ext: ExtensionPage,
  page: Page,
  login: string,
): Promise<void> {
  if (session.kind === 'firefox') {
    await closeToolbarPopup(ext);
    await clickFillButton(page);
    await waitForToolbarPopup(ext, 'li.account button.fill');
    await clickInToolbarPopup(ext, `li.account button.fill[aria-label*="${login}"]`);
    return;
  }
  await clickFillButton(page);
  const entry = await page
    .waitForSelector(`aria/${login} — ${new URL(page.url()).hostname}`, { timeout: 3_000 })
    .catch(() => null);
  if (entry) await settle(entry);
  await entry?.click();
}

import type { Page } from 'puppeteer-core';

/** The extension's button beside the code field, found the way a user finds it: on screen. */
export async function fillButtonBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const host = await page.waitForSelector('b24a-fill', { timeout: 10_000 });
  // The host's size is its shadow content's; give layout a frame to settle after it is placed.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  const box = await host!.boundingBox();
  if (!box) throw new Error('the fill button is not visible');
  return box;
}

/**
 * A real (trusted) mouse click on the main fill button, or on the recovery-code one beside it,
 * found by its accessible name as a user finds it (the buttons live in a closed shadow root).
 */
export async function clickFillButton(page: Page, which: 'otp' | 'recovery' = 'otp'): Promise<void> {
  const name = which === 'otp' ? 'Fill the one-time code' : 'Use a recovery code instead';
  const button = await page.waitForSelector(`aria/${name}`, { timeout: 10_000 });
  await button!.click();
}

export async function codeFieldValue(page: Page): Promise<string> {
  return page.$eval('input[name="USER_OTP"]', (input) => (input as HTMLInputElement).value);
}

/** What the extension's note beside the field says (read through the page, as a user reads it). */
export async function waitForFieldValue(page: Page, predicate: (value: string) => boolean, timeout = 5_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const value = await codeFieldValue(page);
    if (predicate(value)) return value;
    if (Date.now() - started > timeout) throw new Error(`the code field still holds "${value}"`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

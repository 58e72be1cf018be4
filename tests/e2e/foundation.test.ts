import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { startPortal } from '../portal/server.js';
import { EXTENSION_ID, launchWithExtension, type ExtensionSession } from './chromium';
import { openPopup, signInWithPassword } from './portal-steps';

let session: ExtensionSession;
let portal: Awaited<ReturnType<typeof startPortal>>;

beforeAll(async () => {
  portal = await startPortal();
  session = await launchWithExtension();
});

// Each test starts signed out: the portal's session cookie is shared by every tab.
beforeEach(async () => {
  await session.browser.deleteCookie(...(await session.browser.cookies()));
});

afterAll(async () => {
  await session?.close();
  await portal?.close();
});

/** Opens the popup on `page` and waits until it reports `state`; returns what it says. */
async function popupSays(page: Page, state: string): Promise<string> {
  const popup = await openPopup(session, page);
  try {
    const status = await popup.waitForSelector(`[data-page-state="${state}"]`, { timeout: 5_000 }).catch(async () => {
      const shown = await popup.$eval('[data-page-state]', (e) => e.getAttribute('data-page-state'));
      throw new Error(`the popup says "${shown}", expected "${state}"`);
    });
    return await status!.evaluate((e) => e.textContent!);
  } finally {
    await popup.close();
  }
}

describe('the built extension in Chromium', () => {
  it('installs under its fixed id and starts its service worker', async () => {
    expect(session.extension.id).toBe(EXTENSION_ID);
    expect(session.worker.url()).toBe(`chrome-extension://${EXTENSION_ID}/background.js`);
    expect(await session.worker.evaluate(() => chrome.runtime.getManifest().manifest_version)).toBe(3);
  });

  it("recognises the demo portal's password step and then its OTP step, and the popup says so", async () => {
    const page = await session.browser.newPage();
    await page.goto(`${portal.url}/auth/`);
    await popupSays(page, 'password');

    await signInWithPassword(page, 'alice', portal.state.users.get('alice')!.password);
    expect(await popupSays(page, 'otp')).toContain(new URL(portal.url).host);
    await page.close();
  });

  it('follows the control-panel page, where the OTP panel is revealed by script after the password step', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${portal.url}/bitrix/admin/`);
    // The hidden USER_OTP already in the DOM must not count.
    expect(await page.$('input[name="USER_OTP"]')).not.toBeNull();
    await popupSays(page, 'password');

    await page.type('input[name="USER_LOGIN"]', 'alice');
    await page.type('input[name="USER_PASSWORD"]', portal.state.users.get('alice')!.password);
    await page.keyboard.press('Enter');
    await page.waitForSelector('input[name="USER_OTP"]', { visible: true });
    await popupSays(page, 'otp');
    await page.close();
  });

  it('runs no content script on a host that is not an enabled portal, even with Bitrix markup', async () => {
    const lookAlike = `http://portal.test:${new URL(portal.url).port}`;
    const page = await session.browser.newPage();
    await page.goto(`${lookAlike}/auth/`);
    await signInWithPassword(page, 'alice', portal.state.users.get('alice')!.password);
    expect(await page.extensionRealms()).toHaveLength(0);
    await popupSays(page, 'none');
    await page.close();
  });

  it('does run its content script on the enabled portal', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${portal.url}/auth/`);
    const realms = await page.extensionRealms();
    expect(realms.map((r) => r.origin)).toContain(`chrome-extension://${EXTENSION_ID}`);
    await page.close();
  });
});

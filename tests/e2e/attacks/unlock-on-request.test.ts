import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { ExtensionSession } from '../chromium';
import type { ExtensionPage } from '../extension-page';
import { clickFillButton, pageText } from '../fill-steps';
import { signInWithPassword, startPortalWithVault, type Portal } from '../portal-steps';

// Issue 14, item 8: with the vault locked, a click on the in-page button opened the unlock window
// before any origin check, so any page the content script runs on (another portal of a cloud zone,
// a second origin of the same server) could make it appear and teach the user to unlock on request.

const PASSWORD = 'unlock on request test password';

let portal: Portal;
let session: ExtensionSession;
let ext: ExtensionPage;

beforeAll(async () => {
  ({ portal, session, ext } = await startPortalWithVault(
    [
      {
        login: 'alice',
        password: 'alice-pw',
        name: 'alice',
        otp: { type: 'totp', secret: 'FHFW2IJQWKG6EBM2XQTMJ34JXGSD5HOL' },
        recoveryCodes: [],
      },
    ],
    PASSWORD,
  ));
});

afterAll(async () => {
  await session?.close();
  await portal?.close();
});

async function lockedOtpStep(origin: string): Promise<Page> {
  await session.browser.deleteCookie(...(await session.browser.cookies()));
  expect(await ext.send({ type: 'vault-lock' })).toEqual({ ok: true });
  const page = await session.browser.newPage();
  await page.goto(`${origin}/auth/`);
  await signInWithPassword(page, 'alice', 'alice-pw');
  await page.waitForSelector('input[name="USER_OTP"]', { visible: true });
  return page;
}

const popupTargets = () =>
  session.browser.targets().filter((t) => t.url() === `chrome-extension://${session.extension.id}/popup.html`);

describe('the unlock window, while the vault is locked', () => {
  it('opens for a click on the portal the account is bound to (the control)', async () => {
    const page = await lockedOtpStep(portal.url);
    const before = popupTargets().length;
    await clickFillButton(page);
    await expect.poll(() => popupTargets().length, { timeout: 5_000 }).toBeGreaterThan(before);
    await page.close();
  });

  it('does not open for a page of another origin, which is told to use the toolbar button', async () => {
    const page = await lockedOtpStep(portal.secondUrl!);
    const before = popupTargets().length;
    await clickFillButton(page);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(popupTargets().length).toBe(before);
    await expect
      .poll(() => pageText(page), { timeout: 5_000 })
      .toContain('Bitrix24 Authenticator is locked. Unlock it from its toolbar button.');
    await page.close();
  });
});

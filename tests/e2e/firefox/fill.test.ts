import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { signOut } from '../extension-page';
import { clickFillButton, fillWithButton, waitForFieldValue } from '../fill-steps';
import { extensionWindow, launchFirefox } from '../firefox';
import { hotpAt, totpAround } from '../oathtool';
import {
  ALLOW_RECOVERY_CODE,
  classicOtpStep,
  demoRecoveryCodes,
  signInWithPassword,
  portalWithVaultForFile,
  demoUser,
} from '../portal-steps';
import {
  closeToolbarPopup,
  confirmInToolbarPopup,
  toolbarPopupOpen,
  toolbarPopupText,
  waitForToolbarPopup,
} from '../toolbar-popup';

/**
 * Filling in Firefox. Firefox has no IntersectionObserver v2, so the in-page button cannot tell a
 * click on it from a click through a decoy painted over it (lib/fill/click-guard): every click on it
 * opens the toolbar popup, where the user's click on Fill fills the page. That is the path tested here.
 */
const SECRETS = {
  alice: 'FHFW2IJQWKG6EBM2XQTMJ34JXGSD5HOL',
  bob: 'TPZHOPH4XVZ4KKOQQC34BAMR4GJL4562',
  amy: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
};
const ALICE_CODES = demoRecoveryCodes('alice');

const env = portalWithVaultForFile(
  [
    demoUser('alice', { type: 'totp', secret: SECRETS.alice }, ALICE_CODES),
    demoUser('bob', { type: 'hotp', secret: SECRETS.bob, counter: 0 }),
    demoUser('amy', { type: 'totp', secret: SECRETS.amy }),
  ],
  'firefox fill password',
  { launch: () => launchFirefox(), withRecoveryCodes: true },
);

/** The in-page button, then Fill on `login`'s row of the toolbar popup it opened. */
const fillThroughPopup = (page: Page, login: string) => fillWithButton(env.session, env.ext, page, login);

/**
 * A recovery code by the page's button (`which`: the `#` beside the main one, or the main one on a
 * recovery step): the click asks for one, whoever made it, and the code goes in only after the
 * user's yes in the toolbar popup, which no page can click. With several accounts here the page
 * first shows its account list, whose first entry has the focus: Enter picks it. The question.
 */
async function enterRecoveryCode(page: Page, which: 'otp' | 'recovery'): Promise<string> {
  return confirmInToolbarPopup(
    env.ext,
    async () => {
      await clickFillButton(page, which);
      const asked = await waitForToolbarPopup(env.ext, '#confirm-heading', 1_500).then(
        () => true,
        () => false,
      );
      if (!asked) await page.keyboard.press('Enter');
    },
    ALLOW_RECOVERY_CODE,
  );
}

async function submitAndExpectSignedIn(page: Page, login: string) {
  await Promise.all([page.waitForNavigation(), page.click('form[name="form_auth"] input[type="submit"]')]);
  expect(await page.$eval('body', (b) => b.textContent)).toContain(`Signed in as ${login}`);
}

describe('filling the code in Firefox', () => {
  it('TOTP on the classic form: the in-page button opens the popup, its Fill fills, the portal signs in', async () => {
    const page = await classicOtpStep(env.session, env.portal.url, 'alice');
    await fillThroughPopup(page, 'alice');
    const code = await waitForFieldValue(page, (v) => v !== '');
    expect(totpAround(SECRETS.alice, Date.now())).toContain(code);
    expect(await toolbarPopupText(env.ext, '.notice-success')).toBe('Code filled.');
    await submitAndExpectSignedIn(page, 'alice');
    await page.close();
  });

  it('a recovery code on the classic form: the # button asks, the toolbar popup names portal and account, yes enters one', async () => {
    const before = await env.ext.send({ type: 'recovery-status', accountId: env.ids.alice! });
    const page = await classicOtpStep(env.session, env.portal.url, 'alice');
    const question = await enterRecoveryCode(page, 'recovery');
    expect(question).toContain(new URL(env.portal.url).host);
    expect(question).toContain('alice');
    const code = await waitForFieldValue(page, (v) => v !== '');
    expect(ALICE_CODES).toContain(code);
    await submitAndExpectSignedIn(page, 'alice');
    expect(
      env.portal.state.users.get('alice')!.recoveryCodes.find((c: { code: string }) => c.code === code)!.used,
    ).toBe(true);
    const after = await env.ext.send({ type: 'recovery-status', accountId: env.ids.alice! });
    expect(before.ok && after.ok && after.remaining).toBe(before.ok ? before.remaining - 1 : -1);
    await page.close();
  });

  it('HOTP: two sign-ins in a row, each with the next counter, which the vault keeps', async () => {
    for (const counter of [0, 1]) {
      await signOut(env.session);
      const page = await classicOtpStep(env.session, env.portal.url, 'bob');
      await fillThroughPopup(page, 'bob');
      expect(await waitForFieldValue(page, (v) => v !== '')).toBe(hotpAt(SECRETS.bob, counter));
      await submitAndExpectSignedIn(page, 'bob');
      await page.close();
    }
    expect(env.portal.state.users.get('bob')!.otp!.counter).toBe(2);
    expect(await env.ext.send({ type: 'hotp-next', id: env.ids.bob! })).toMatchObject({ ok: true, counter: 2 });
  });

  it('the modern page: TOTP on its authenticator step, then a recovery code in its eight boxes', async () => {
    const modern = async (login: string) => {
      const page = await env.session.browser.newPage();
      await page.goto(`${env.portal.url}/login/modern/`);
      await signInWithPassword(page, login, `${login}-pw`);
      await page.waitForSelector('[data-role="otp-container"] input[name="USER_OTP"]', { visible: true });
      return page;
    };
    const amy = await modern('amy');
    await fillThroughPopup(amy, 'amy');
    const code = await waitForFieldValue(amy, (v) => v !== '');
    expect(totpAround(SECRETS.amy, Date.now())).toContain(code);
    await Promise.all([amy.waitForNavigation(), amy.click('button.ui-btn-success')]);
    expect(await amy.$eval('body', (b) => b.textContent)).toContain('amy');
    await amy.close();

    await signOut(env.session);
    const before = await env.ext.send({ type: 'recovery-status', accountId: env.ids.alice! });
    const alice = await modern('alice');
    await alice.click('[data-testid$="-alternative-way"]');
    await (await alice.waitForSelector('[data-testid="bx-intranet-2fa-alternative-methods-recovery-codes"]', {
      visible: true,
    }))!.click();
    await alice.waitForSelector('.intranet-verification-code.--recovery-codes input.intranet-char-input', {
      visible: true,
    });
    const [, question] = await Promise.all([
      alice.waitForNavigation({ timeout: 10_000 }),
      enterRecoveryCode(alice, 'otp'),
    ]);
    expect(question).toContain('alice');
    expect(await alice.$eval('body', (b) => b.textContent)).toContain('alice');
    const after = await env.ext.send({ type: 'recovery-status', accountId: env.ids.alice! });
    expect(before.ok && after.ok && after.remaining).toBe(before.ok ? before.remaining - 1 : -1);
    await alice.close();
  });

  it('another origin showing the same portal gets no code: the popup offers no Fill there, and a fill asked for anyway is refused, naming the account’s portal', async () => {
    const page = await classicOtpStep(env.session, env.portal.secondUrl!, 'alice');
    await closeToolbarPopup(env.ext);
    await clickFillButton(page);
    await waitForToolbarPopup(env.ext, 'li.account');
    expect(await toolbarPopupText(env.ext, 'button.fill')).toBe('');
    expect(await toolbarPopupText(env.ext, '.tab-status')).toBe(
      `Bitrix24 sign-in: ${new URL(env.portal.secondUrl!).host} asks for a one-time code.`,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await page.$eval('input[name="USER_OTP"]', (i) => (i as HTMLInputElement).value)).toBe('');
    // The same account fills on its own portal (the first test); asked for here, the background refuses.
    const tabs = await env.ext.page.evaluate(() => browser.tabs.query({}));
    const tabId = tabs.find((t) => t.url?.startsWith(env.portal.secondUrl!))!.id!;
    const refused = await env.ext.send({ type: 'fill', tabId, accountId: env.ids.alice! });
    expect(refused).toMatchObject({ ok: false, code: 'no-account' });
    expect(refused.ok ? '' : refused.message).toContain(env.portal.url);
    await page.close();
  });
});

describe('when Firefox will not open the toolbar popup', () => {
  it('while the downloads panel is open, the click opens the popup in a window for that tab, and its Fill fills', async () => {
    const page = await classicOtpStep(env.session, env.portal.url, 'alice');
    // A download opens Firefox's downloads panel, which keeps the toolbar popup shut.
    await page.evaluate(() => {
      const link = Object.assign(document.createElement('a'), {
        href: URL.createObjectURL(new Blob(['x'], { type: 'text/plain' })),
        download: 'note.txt',
      });
      document.body.append(link);
      link.click();
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await closeToolbarPopup(env.ext);
    await clickFillButton(page);
    const popup = await extensionWindow(env.session, 'popup.html?tab=');
    await popup.waitForSelector('li.account button.fill');
    expect(await toolbarPopupOpen(env.ext)).toBe(false);
    await (await popup.waitForSelector('li.account button.fill[aria-label*="alice"]'))!.click();
    const code = await waitForFieldValue(page, (v) => v !== '');
    expect(totpAround(SECRETS.alice, Date.now())).toContain(code);
    await popup.close();
    await page.close();
  });
});

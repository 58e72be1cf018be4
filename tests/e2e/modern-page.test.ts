import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { startPortal } from '../portal/server.js';
import type { ExtensionSession } from './chromium';
import { addAccount, framesOf, tabIdOf, type ExtensionPage } from './extension-page';
import { clickFillButton, pageText, settle, waitForFieldValue } from './fill-steps';
import { totpAround } from './oathtool';
import {
  ALLOW_RECOVERY_CODE,
  confirmInPopup,
  demoRecoveryCodes,
  openPopup,
  signInWithPassword,
  startPortalWithVault,
  type Portal,
} from './portal-steps';
import { typeInto } from './ui-steps';

/**
 * Today's Bitrix24 sign-in page (../shared/BITRIX.md, "The modern intranet sign-in page"): the
 * form is built by script after load and rebuilt on each step; the recovery step's eight boxes keep
 * one character each and the page posts a hidden USER_OTP it fills itself.
 */
const SECRETS = {
  alice: 'FHFW2IJQWKG6EBM2XQTMJ34JXGSD5HOL',
  amy: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  // Signs in only in the test of two sign-ins within one step: no earlier fill of hers interferes.
  ann: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
};
const DAN_CODES = ['dddd-0001', 'dddd-0002'];
const ALICE_CODES = demoRecoveryCodes('alice');

let portal: Portal;
let session: ExtensionSession;
let ext: ExtensionPage;
let ids: Record<string, string>;

type Post = { path: string; fields: Record<string, string> };
const posts = () => (portal.state as unknown as { posts: Post[] }).posts;
const otpPosts = () => posts().filter((p) => p.fields.TYPE === 'OTP');

beforeAll(async () => {
  ({ portal, session, ext, ids } = await startPortalWithVault(
    [
      {
        login: 'alice',
        password: 'alice-pw',
        name: 'Alice Andersen',
        otp: { type: 'totp', secret: SECRETS.alice },
        recoveryCodes: ALICE_CODES,
      },
      { login: 'amy', password: 'amy-pw', name: 'Amy Adams', otp: { type: 'totp', secret: SECRETS.amy } },
      { login: 'ann', password: 'ann-pw', name: 'Ann Arbor', otp: { type: 'totp', secret: SECRETS.ann } },
      { login: 'dan', password: 'dan-pw', name: 'Dan Dorsey', otp: { type: 'push' }, recoveryCodes: DAN_CODES },
    ],
    'modern page test password',
  ));
  expect(
    await ext.send({ type: 'recovery-import', accountId: ids.alice!, text: ALICE_CODES.join('\r\n'), replace: false }),
  ).toMatchObject({ ok: true, imported: 10 });
});

afterAll(async () => {
  await session?.close();
  await portal?.close();
});

beforeEach(async () => {
  await session.browser.deleteCookie(...(await session.browser.cookies()));
});

/** From the portal's root, as a user types its address: it redirects, then the modern page's password step. */
async function modernOtpStep(login: string, origin = portal.url): Promise<Page> {
  const page = await session.browser.newPage();
  await page.goto(`${origin}/`);
  expect(new URL(page.url()).pathname).not.toBe('/'); // the root sent us on
  await page.goto(`${origin}/login/modern/`);
  await signInWithPassword(page, login, `${login}-pw`);
  // Built by script after load: the island is empty in the server's HTML.
  await page.waitForSelector('[data-role="otp-container"] form[name="form_auth"]', { timeout: 5_000 });
  return page;
}

async function otherWay(page: Page, method: 'sms' | 'recovery-codes' | 'offline-code'): Promise<void> {
  await page.click('[data-testid$="-alternative-way"]');
  const item = await page.waitForSelector(`[data-testid="bx-intranet-2fa-alternative-methods-${method}"]`, {
    visible: true,
  });
  await item!.click();
}

const signedInAs = async (page: Page, login: string) => {
  await page.waitForFunction(
    (l) => document.body.textContent?.includes(`Signed in as ${l}`),
    { timeout: 10_000 },
    login,
  );
};

describe('the modern sign-in page', () => {
  it('authenticator step: the account card names the login, so its code is filled without asking, and the portal accepts it', async () => {
    const page = await modernOtpStep('amy');
    await page.waitForSelector('input[name="USER_OTP"]', { visible: true });
    await clickFillButton(page);
    const code = await waitForFieldValue(page, (v) => v !== '');
    expect(totpAround(SECRETS.amy, Date.now())).toContain(code);
    expect(totpAround(SECRETS.alice, Date.now())).not.toContain(code);
    await Promise.all([page.waitForNavigation(), page.click('button.ui-btn-success')]);
    await signedInAs(page, 'amy');
    expect(otpPosts().at(-1)!.fields).toMatchObject({ USER_OTP: code });
    await page.close();
  });

  it('recovery-code step: the extension types the next unused code into the eight boxes, the page posts it and signs in; one fewer left', async () => {
    const before = await ext.send({ type: 'recovery-status', accountId: ids.alice! });
    expect(before).toMatchObject({ ok: true, remaining: 10 });
    const page = await modernOtpStep('alice');
    await otherWay(page, 'recovery-codes');
    await page.waitForSelector('.intranet-verification-code.--recovery-codes input.intranet-char-input', {
      visible: true,
    });
    // Two accounts on this portal: for a recovery code the user chooses; the card's account comes first.
    await clickFillButton(page, 'recovery');
    const first = await page.waitForSelector(`aria/alice — ${new URL(portal.url).hostname}`, { timeout: 5_000 });
    await settle(first);
    // The code leaves the vault only once the user allows it in the extension's popup.
    await Promise.all([
      page.waitForNavigation({ timeout: 10_000 }),
      confirmInPopup(session, () => first!.click(), ALLOW_RECOVERY_CODE),
    ]);
    await signedInAs(page, 'alice');

    const posted = otpPosts().at(-1)!.fields;
    expect(posted.CURRENT_STEP).toBe('recoveryCodes');
    expect(posted.USER_OTP).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}$/);
    expect(ALICE_CODES).toContain(posted.USER_OTP);
    expect(
      portal.state.users.get('alice')!.recoveryCodes.find((c: { code: string }) => c.code === posted.USER_OTP)!.used,
    ).toBe(true);
    const after = await ext.send({ type: 'recovery-status', accountId: ids.alice! });
    expect(after).toMatchObject({ ok: true, remaining: 9 });
    expect(after.ok && after.codes.find((c) => c.code === posted.USER_OTP)?.used).toBe(true);
    await page.close();
  });

  it('a page that swallows the typed characters keeps no recovery code "unused": what it saw counts as used', async () => {
    const before = await ext.send({ type: 'recovery-status', accountId: ids.alice! });
    if (!before.ok) throw new Error(before.message);
    const page = await modernOtpStep('alice');
    await otherWay(page, 'recovery-codes');
    await page.waitForSelector('input.intranet-char-input', { visible: true });
    // The hostile part: every key is recorded and cancelled, so the boxes stay empty.
    await page.evaluate(() => {
      (window as unknown as { seen: string[] }).seen = [];
      document.addEventListener(
        'keydown',
        (event) => {
          (window as unknown as { seen: string[] }).seen.push(event.key);
          event.preventDefault();
          event.stopImmediatePropagation();
        },
        true,
      );
    });
    await clickFillButton(page, 'recovery');
    const entry = await page.waitForSelector(`aria/alice — ${new URL(portal.url).hostname}`, { timeout: 5_000 });
    await settle(entry);
    const { popup } = await confirmInPopup(session, () => entry!.click(), ALLOW_RECOVERY_CODE);
    await expect.poll(() => pageText(page), { timeout: 5_000 }).toContain('The page did not take the recovery code.');
    await popup.close();
    // Positive control: the page really got the code, key by key.
    const seen = (await page.evaluate(() => (window as unknown as { seen: string[] }).seen.join(''))) as string;
    const taken = before.codes.find((c) => !c.used && c.code.replace('-', '') === seen);
    expect(taken, `the page saw "${seen}"`).toBeDefined();
    expect(
      await page.$$eval('input.intranet-char-input', (boxes) =>
        boxes.map((b) => (b as HTMLInputElement).value).join(''),
      ),
    ).toBe('');
    // …and the vault counts it as used, so the next fill never hands the same code to anyone again.
    const after = await ext.send({ type: 'recovery-status', accountId: ids.alice! });
    expect(after).toMatchObject({ ok: true, remaining: before.remaining - 1 });
    expect(after.ok && after.codes.find((c) => c.code === taken!.code)?.used).toBe(true);
    await page.close();
  });

  it('push step: nothing is filled; a note says the app confirms sign-in, and one click leads to the recovery-code step', async () => {
    const page = await modernOtpStep('dan');
    await page.waitForSelector('[data-testid="bx-intranet-2fa-main-push-alternative-way"]', { visible: true });
    await expect
      .poll(() => pageText(page), { timeout: 5_000 })
      .toContain('Sign-in is confirmed in the Bitrix24 app on your phone.');
    expect(await page.$('aria/Fill the one-time code')).toBeNull();
    await expect
      .poll(async () =>
        framesOf(await ext.send({ type: 'get-tab-state', tabId: await tabIdOf(ext, page) })).map((f) => f.state),
      )
      .toEqual(['push']);

    // The note's own button (in the extension's closed shadow root), clicked as a user clicks.
    const go = await page.waitForSelector('aria/Use a recovery code', { timeout: 5_000 });
    await settle(go);
    await go!.click();
    await page.waitForSelector('.intranet-verification-code.--recovery-codes input.intranet-char-input', {
      visible: true,
      timeout: 5_000,
    });
    expect(await page.$$eval('input.intranet-char-input', (boxes) => boxes.length)).toBe(8);
    // The recovery step has the extension's button, as any code field has.
    await page.waitForSelector('aria/Use a recovery code instead', { timeout: 5_000 });
    await page.close();
  });

  it('push portal, no authenticator: recovery codes kept by themselves (added in the popup) sign in from the push step', async () => {
    const page = await modernOtpStep('dan');
    await page.waitForSelector('[data-testid="bx-intranet-2fa-main-push-alternative-way"]', { visible: true });
    // The popup, opened on this tab as a user opens it: an account of recovery codes only.
    const popup = await openPopup(session, page);
    await (await popup.waitForSelector('aria/Add account'))!.click();
    await typeInto(popup, 'aria/Portal address', portal.url);
    await typeInto(popup, 'aria/Login for the recovery codes', 'dan');
    await typeInto(popup, 'aria/Paste recovery codes', DAN_CODES.map((code, i) => `${i + 1}. ${code}`).join('\r\n'));
    await (await popup.waitForSelector('aria/Save recovery codes'))!.click();
    await popup.waitForSelector('aria/Recovery codes — localhost — dan', { timeout: 5_000 });
    await popup.close();
    const dan = await ext.send({ type: 'accounts-list' });
    const account = dan.ok ? dan.accounts.find((a) => a.label === 'dan') : undefined;
    expect(account).toMatchObject({ type: 'recovery', origins: [portal.url], code: null });
    expect(await ext.send({ type: 'recovery-status', accountId: account!.id })).toMatchObject({
      ok: true,
      remaining: 2,
    });

    // Push step → the note's button → the recovery step → the fill button; dan's card puts his account first.
    const go = await page.waitForSelector('aria/Use a recovery code', { timeout: 5_000 });
    await settle(go);
    await go!.click();
    await page.waitForSelector('input.intranet-char-input', { visible: true });
    await clickFillButton(page, 'recovery');
    const entries = await page.waitForSelector(`aria/dan — ${new URL(portal.url).hostname}`, { timeout: 5_000 });
    await settle(entries);
    await Promise.all([
      page.waitForNavigation({ timeout: 10_000 }),
      confirmInPopup(session, () => entries!.click(), ALLOW_RECOVERY_CODE),
    ]);
    await signedInAs(page, 'dan');
    expect(otpPosts().at(-1)!.fields).toMatchObject({ CURRENT_STEP: 'recoveryCodes', USER_OTP: DAN_CODES[0] });
    expect(await ext.send({ type: 'recovery-status', accountId: account!.id })).toMatchObject({
      ok: true,
      remaining: 1,
    });

    // It has no one-time code to give, and no secret for the phone-app exports.
    const exported = await ext.send({ type: 'accounts-export', format: 'otpauth' });
    expect(exported).toMatchObject({ ok: true, skipped: [{ label: 'dan', code: 'recovery-only' }] });
    expect(exported.ok && exported.text).not.toMatch(/dan/);
    await page.close();
  });

  it('SMS step: never a code from the vault, by the button or from the popup', async () => {
    const page = await modernOtpStep('alice');
    await otherWay(page, 'sms');
    await page.waitForSelector('input.intranet-digit-input', { visible: true });
    await expect
      .poll(async () =>
        framesOf(await ext.send({ type: 'get-tab-state', tabId: await tabIdOf(ext, page) })).map((f) => f.state),
      )
      .toEqual(['phone-code']);
    expect(await page.$('aria/Fill the one-time code')).toBeNull();
    expect(await page.$('aria/Use a recovery code instead')).toBeNull();
    const viaPopup = await ext.send({ type: 'fill', tabId: await tabIdOf(ext, page), accountId: ids.alice! });
    expect(viaPopup).toMatchObject({ ok: false, code: 'no-field' });
    const boxes = await page.$$eval('input.intranet-digit-input', (inputs) =>
      inputs.map((i) => (i as HTMLInputElement).value),
    );
    expect(boxes).toEqual(['', '', '', '', '', '']);
    expect(await page.$eval('input[name="USER_OTP"]', (i) => (i as HTMLInputElement).value)).toBe('');
    await page.close();
  });
});

describe('codes the portal accepts', () => {
  it('two sign-ins within one 30 s step both succeed: the second gets the next step’s code', async () => {
    // Start early in a step, so both sign-ins fall within it.
    const intoStep = Date.now() % 30_000;
    if (intoStep > 12_000) await new Promise((resolve) => setTimeout(resolve, 30_000 - intoStep + 100));
    const step = Math.floor(Date.now() / 30_000);
    const codes: string[] = [];
    for (let i = 0; i < 2; i++) {
      await session.browser.deleteCookie(...(await session.browser.cookies()));
      const page = await modernOtpStep('ann');
      await page.waitForSelector('input[name="USER_OTP"]', { visible: true });
      await clickFillButton(page);
      codes.push(await waitForFieldValue(page, (v) => v !== ''));
      await Promise.all([page.waitForNavigation(), page.click('button.ui-btn-success')]);
      await signedInAs(page, 'ann');
      await page.close();
    }
    expect(Math.floor(Date.now() / 30_000)).toBe(step); // both within one step
    expect(codes[0]).not.toBe(codes[1]);
    // The second is the next step's code, which the portal's window accepts.
    expect(totpAround(SECRETS.ann, Date.now())[2]).toBe(codes[1]);
  });

  it('the portal’s root redirects and its clock is five minutes ahead: the code is made with its time and accepted', async () => {
    const ahead = await startPortal({
      users: {
        users: [{ login: 'alice', password: 'alice-pw', name: 'Alice', otp: { type: 'totp', secret: SECRETS.alice } }],
      },
      now: () => Date.now() + 5 * 60_000,
    });
    const root = await fetch(`${ahead.url}/`, { method: 'HEAD', redirect: 'manual' });
    expect(root.status).toBe(302); // a real portal's root sends the browser on
    const id = await addAccount(ext, `otpauth://totp/ahead%3Aalice?secret=${SECRETS.alice}&issuer=ahead`, ahead.url);
    try {
      const page = await modernOtpStep('alice', ahead.url);
      await page.waitForSelector('input[name="USER_OTP"]', { visible: true });
      await clickFillButton(page);
      const code = await waitForFieldValue(page, (v) => v !== '');
      expect(totpAround(SECRETS.alice, Date.now() + 5 * 60_000)).toContain(code);
      expect(totpAround(SECRETS.alice, Date.now())).not.toContain(code);
      await Promise.all([page.waitForNavigation(), page.click('button.ui-btn-success')]);
      await signedInAs(page, 'alice');
      await page.close();
    } finally {
      await ext.send({ type: 'account-delete', id });
      await ahead.close();
    }
  });

  it('after repeated failures the portal shows a CAPTCHA: the code is filled but not submitted, and the note says why', async () => {
    expect(await ext.send({ type: 'settings-set', patch: { autoSubmit: true } })).toMatchObject({ ok: true });
    try {
      const page = await session.browser.newPage();
      await page.goto(`${portal.url}/auth/`);
      await signInWithPassword(page, 'amy', 'amy-pw');
      for (let i = 0; i < 3; i++) {
        await page.type('input[name="USER_OTP"]', '000000');
        await Promise.all([page.waitForNavigation(), page.click('input[name="Otp"]')]);
      }
      await page.waitForSelector('input[name="captcha_word"]', { visible: true });
      const postsBefore = otpPosts().length;
      await clickFillButton(page);
      const entry = await page.waitForSelector(`aria/amy — ${new URL(portal.url).hostname}`, { timeout: 5_000 });
      await settle(entry);
      await entry!.click();
      await waitForFieldValue(page, (v) => v !== '');
      await expect
        .poll(() => pageText(page), { timeout: 5_000 })
        .toContain('the portal asks for the characters in the picture');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(otpPosts().length).toBe(postsBefore); // nothing was submitted
      expect(await page.$('input[name="captcha_word"]')).not.toBeNull();
      await page.close();

      // Positive control: without a CAPTCHA, the same setting submits by itself.
      await session.browser.deleteCookie(...(await session.browser.cookies()));
      // (Another user: the portal counts failures per user, and amy's still ask for the CAPTCHA.)
      const control = await modernOtpStep('alice');
      await control.waitForSelector('input[name="USER_OTP"]', { visible: true });
      await Promise.all([control.waitForNavigation({ timeout: 10_000 }), clickFillButton(control)]);
      await signedInAs(control, 'alice');
      await control.close();
    } finally {
      await ext.send({ type: 'settings-set', patch: { autoSubmit: false } });
    }
  });
});

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { startPortal } from '../portal/server.js';
import { addAccount, signOut, tabIdOf } from './extension-page';
import { clickFillButton, pageText, settle, waitForFieldValue } from './fill-steps';
import { hotpAt, totpAround } from './oathtool';
import {
  classicOtpStep,
  demoRecoveryCodes,
  portalWithVaultForFile,
  demoUser,
  ALLOW_RECOVERY_CODE,
  confirmInPopup,
} from './portal-steps';

const SECRETS = {
  alice: 'FHFW2IJQWKG6EBM2XQTMJ34JXGSD5HOL',
  dave: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  bob: 'TPZHOPH4XVZ4KKOQQC34BAMR4GJL4562',
};
const ALICE_CODES = demoRecoveryCodes('alice');

const env = portalWithVaultForFile(
  [
    demoUser('alice', { type: 'totp', secret: SECRETS.alice }, ALICE_CODES),
    demoUser('dave', { type: 'totp', secret: SECRETS.dave }),
    demoUser('bob', { type: 'hotp', secret: SECRETS.bob, counter: 0 }),
  ],
  'fill test password',
  { withRecoveryCodes: true },
);

/** To the OTP step of the classic form as `login`, on the given origin. */
const otpStep = (login: string, origin = env.portal.url) => classicOtpStep(env.session, origin, login);

async function submitAndExpectSignedIn(page: Page, login: string) {
  await Promise.all([page.waitForNavigation(), page.click('form[name="form_auth"] input[type="submit"]')]);
  expect(await page.$eval('body', (b) => b.textContent)).toContain(`Signed in as ${login}`);
}

describe('filling the code on the demo portal', () => {
  it('TOTP: login → OTP step → the fill button → signed in', async () => {
    // Several accounts are bound to this portal: the first click asks which one.
    const page = await otpStep('alice');
    await clickFillButton(page);
    await chooseAccount(page, 'alice');
    const code = await waitForFieldValue(page, (v) => v !== '');
    expect(totpAround(SECRETS.alice, Date.now())).toContain(code);
    await submitAndExpectSignedIn(page, 'alice');
    await page.close();
  });

  it('the same on the control-panel page, where the OTP panel appears after the password step', async () => {
    const page = await env.session.browser.newPage();
    await page.goto(`${env.portal.url}/bitrix/admin/`);
    await page.type('input[name="USER_LOGIN"]', 'dave');
    await page.type('input[name="USER_PASSWORD"]', 'dave-pw');
    await page.keyboard.press('Enter');
    await page.waitForSelector('input[name="USER_OTP"]', { visible: true });
    await clickFillButton(page);
    await chooseAccount(page, 'dave');
    const code = await waitForFieldValue(page, (v) => v !== '');
    expect(totpAround(SECRETS.dave, Date.now())).toContain(code);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.$eval('body', (b) => b.textContent)).toMatch(/dave/);
    expect(page.url()).not.toContain('login=yes');
    await page.close();
  });

  it('HOTP: three sign-ins in a row succeed and the counter advanced three times', async () => {
    for (const counter of [0, 1, 2]) {
      await signOut(env.session);
      const page = await otpStep('bob');
      await clickFillButton(page);
      await chooseAccount(page, 'bob');
      expect(await waitForFieldValue(page, (v) => v !== '')).toBe(hotpAt(SECRETS.bob, counter));
      await submitAndExpectSignedIn(page, 'bob');
      await page.close();
    }
    expect(env.portal.state.users.get('bob')!.otp!.counter).toBe(3);
    expect(await env.ext.send({ type: 'hotp-next', id: env.ids.bob! })).toMatchObject({ ok: true, counter: 3 });
  });

  it('a recovery code signs in, is marked used, and the count drops by one', async () => {
    const page = await otpStep('alice');
    await clickFillButton(page, 'recovery');
    // The code leaves the vault only once the user allows it in the extension's popup, which names both.
    const { popup, question } = await confirmInPopup(
      env.session,
      () => chooseAccount(page, 'alice'),
      ALLOW_RECOVERY_CODE,
    );
    expect(question).toContain(`${env.portal.url} asks for a recovery code of alice`);
    const code = await waitForFieldValue(page, (v) => v !== '');
    await popup.close();
    expect(ALICE_CODES).toContain(code);
    await expect.poll(() => pageText(page), { timeout: 5_000 }).toContain('Recovery code filled. 9 left.');
    await submitAndExpectSignedIn(page, 'alice');
    expect(
      env.portal.state.users.get('alice')!.recoveryCodes.find((c: { code: string }) => c.code === code)!.used,
    ).toBe(true);
    const status = await env.ext.send({ type: 'recovery-status', accountId: env.ids.alice! });
    expect(status).toMatchObject({ ok: true, remaining: 9 });
    expect(status.ok && status.codes.find((c) => c.code === code)?.used).toBe(true);
    await page.close();
  });
});

/**
 * Several accounts are bound to this portal, so the button asks which one: a list under it, in the
 * extension's closed shadow root, found as a user (or a screen reader) finds it, by its name.
 */
async function chooseAccount(page: Page, login: string): Promise<void> {
  const entry = await page.waitForSelector(`aria/${login} — ${new URL(env.portal.url).hostname}`, { timeout: 5_000 });
  await settle(entry);
  await entry!.click();
}

/** Untrusted clicks, from the page's own scripts, on everything of the button they can reach. */
async function syntheticClicks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const host = document.querySelector('b24a-fill') as HTMLElement;
    const rect = host.getBoundingClientRect();
    host.click();
    host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    (document.elementFromPoint(rect.left + 8, rect.top + rect.height / 2) as HTMLElement | null)?.click();
    host.shadowRoot?.querySelector('button')?.click(); // null: the root is closed
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
}

describe('nothing is filled where it must not be', () => {
  it('untrusted clicks on the fill button do nothing, where a real click fills', async () => {
    const page = await otpStep('dave');
    await syntheticClicks(page);
    expect(await page.$eval('input[name="USER_OTP"]', (i) => (i as HTMLInputElement).value)).toBe('');
    expect(await page.$('aria/dave — localhost')).toBeNull(); // not even the account picker opened
    await clickFillButton(page);
    await chooseAccount(page, 'dave');
    expect(await waitForFieldValue(page, (v) => v !== '')).toMatch(/^\d{6}$/);
    await page.close();
  });

  it('the same portal under a second origin: the button, the popup and auto-fill all refuse, and say why', async () => {
    expect(await env.ext.send({ type: 'settings-set', patch: { autofillMode: 'load' } })).toMatchObject({ ok: true });
    try {
      const page = await otpStep('bob', env.portal.secondUrl!);
      const bobCounter = async () => {
        const list = await env.ext.send({ type: 'accounts-list' });
        return list.ok ? list.accounts.find((a) => a.id === env.ids.bob)?.counter : undefined;
      };
      const counterBefore = await bobCounter();
      const portalCounter = env.portal.state.users.get('bob')!.otp!.counter;
      await clickFillButton(page);
      await expect
        .poll(() => pageText(page), { timeout: 5_000 })
        // The page can read this note: it never names the user's other portals (the popup below does).
        .toContain(`Not filled: this page is ${env.portal.secondUrl}, but your account is bound to another portal.`);

      const viaPopup = await env.ext.send({
        type: 'fill',
        tabId: await tabIdOf(env.ext, page),
        accountId: env.ids.bob!,
      });
      expect(viaPopup).toMatchObject({ ok: false, code: 'no-account' });
      expect(viaPopup.ok ? '' : viaPopup.message).toContain(env.portal.url);

      await page.reload();
      await page.waitForSelector('input[name="USER_OTP"]', { visible: true });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await page.$eval('input[name="USER_OTP"]', (i) => (i as HTMLInputElement).value)).toBe('');
      expect(await bobCounter()).toBe(counterBefore);
      expect(env.portal.state.users.get('bob')!.otp!.counter).toBe(portalCounter);
      await page.close();
    } finally {
      await env.ext.send({ type: 'settings-set', patch: { autofillMode: 'click' } });
    }
  });
});

describe('frames', () => {
  it("a code field in a frame from another origin, inside the portal's page, is not filled", async () => {
    const page = await otpStep('dave');
    // The portal's OTP step embeds a frame from the second origin showing the same form.
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      frame.style.cssText = 'width:600px;height:400px';
      document.body.prepend(frame);
    }, `${env.portal.secondUrl}/auth/`);
    const frameHandle = await page.waitForSelector('iframe');
    const frame = (await frameHandle!.contentFrame())!;
    await frame.waitForSelector('input[name="USER_OTP"]', { visible: true });
    const button = await frame.waitForSelector('aria/Fill the one-time code', { timeout: 10_000 });
    await settle(button);
    await button!.click();
    await expect
      .poll(() => pageText(page), { timeout: 5_000 })
      .toContain(`Not filled: the code field is in a frame from another site (${env.portal.secondUrl}).`);
    expect(await frame.$eval('input[name="USER_OTP"]', (i) => (i as HTMLInputElement).value)).toBe('');
    await page.close();
  });
});

describe('other ways to fill', () => {
  it('from the popup, into the tab that shows the code field', async () => {
    const page = await otpStep('dave');
    const reply = await env.ext.send({ type: 'fill', tabId: await tabIdOf(env.ext, page), accountId: env.ids.dave! });
    expect(reply).toEqual({ ok: true, filled: true });
    expect(totpAround(SECRETS.dave, Date.now())).toContain(await waitForFieldValue(page, (v) => v !== ''));
    await page.close();
  });

  it('nowhere when the user (or the administrator) turned filling off', async () => {
    const page = await otpStep('dave');
    await env.ext.send({ type: 'settings-set', patch: { autofillMode: 'off' } });
    try {
      expect(
        await env.ext.send({ type: 'fill', tabId: await tabIdOf(env.ext, page), accountId: env.ids.dave! }),
      ).toMatchObject({
        ok: false,
        code: 'fill-off',
      });
      await clickFillButton(page);
      await expect
        .poll(() => pageText(page), { timeout: 5_000 })
        .toContain('Not filled: filling is turned off in the settings.');
      expect(await page.$eval('input[name="USER_OTP"]', (i) => (i as HTMLInputElement).value)).toBe('');
    } finally {
      await env.ext.send({ type: 'settings-set', patch: { autofillMode: 'click' } });
      await page.close();
    }
  });

  it('the button, its account picker and its notes speak the language chosen in the settings', async () => {
    const german = JSON.parse(await readFile('public/_locales/de/messages.json', 'utf8')) as Record<
      string,
      { message: string }
    >;
    await env.ext.send({ type: 'settings-set', patch: { language: 'de' } });
    const page = await otpStep('dave');
    try {
      const button = await page.waitForSelector(`aria/${german.fillButtonLabel!.message}`, { timeout: 10_000 });
      await settle(button);
      await button!.click();
      await expect.poll(() => pageText(page), { timeout: 5_000 }).toContain(german.fillChooseAccount!.message);
      await chooseAccount(page, 'dave');
      expect(totpAround(SECRETS.dave, Date.now())).toContain(await waitForFieldValue(page, (v) => v !== ''));
    } finally {
      await env.ext.send({ type: 'settings-set', patch: { language: '' } });
      await page.close();
    }
  });

  it('on page load, when the user opted in and exactly one TOTP account is bound to the portal', async () => {
    // A portal of its own with a single account: auto-fill needs exactly one candidate.
    const solo = await startPortal({
      users: { users: [demoUser('alice', { type: 'totp', secret: SECRETS.alice }, [])] },
    });
    const id = await addAccount(env.ext, `otpauth://totp/solo%3Aalice?secret=${SECRETS.alice}&issuer=solo`, solo.url);
    try {
      await env.ext.send({ type: 'settings-set', patch: { autofillMode: 'load' } });
      const page = await otpStep('alice', solo.url);
      expect(totpAround(SECRETS.alice, Date.now())).toContain(await waitForFieldValue(page, (v) => v !== ''));
      await page.close();
    } finally {
      await env.ext.send({ type: 'settings-set', patch: { autofillMode: 'click' } });
      await env.ext.send({ type: 'account-delete', id });
      await solo.close();
    }
  });

  it('with the vault locked, the button opens the unlock screen and fills once unlocked', async () => {
    const page = await otpStep('dave');
    expect(await env.ext.send({ type: 'vault-lock' })).toEqual({ ok: true });
    const before = new Set(env.session.browser.targets());
    await clickFillButton(page);
    const unlock = await env.session.browser.waitForTarget((t) => !before.has(t) && t.url().endsWith('/popup.html'), {
      timeout: 5_000,
    });
    expect(unlock.url()).toBe(`chrome-extension://${env.session.extension.id}/popup.html`);
    expect(await env.ext.send({ type: 'vault-unlock', password: 'fill test password' })).toEqual({ ok: true });
    // Several accounts: after the unlock the page asks which one.
    await chooseAccount(page, 'dave');
    expect(totpAround(SECRETS.dave, Date.now())).toContain(await waitForFieldValue(page, (v) => v !== ''));
    await page.close();
  });
});

describe('a computer clock that is off', () => {
  it("fills with the portal's time when the clocks differ by minutes, and says so", async () => {
    // The portal's clock runs five minutes ahead of the browser's: a code from the device clock
    // would be refused (the portal accepts ±2 steps of 30 s).
    const ahead = await startPortal({
      users: { users: [demoUser('alice', { type: 'totp', secret: SECRETS.alice }, [])] },
      now: () => Date.now() + 5 * 60_000,
    });
    const id = await addAccount(
      env.ext,
      `otpauth://totp/ahead%3Aalice?secret=${SECRETS.alice}&issuer=ahead`,
      ahead.url,
    );
    try {
      const page = await otpStep('alice', ahead.url);
      await clickFillButton(page);
      const code = await waitForFieldValue(page, (v) => v !== '');
      expect(totpAround(SECRETS.alice, Date.now() + 5 * 60_000)).toContain(code);
      expect(totpAround(SECRETS.alice, Date.now())).not.toContain(code);
      await expect.poll(() => pageText(page), { timeout: 5_000 }).toMatch(/clock is 300 s off the portal's/);
      await submitAndExpectSignedIn(page, 'alice');
      await page.close();
    } finally {
      await env.ext.send({ type: 'account-delete', id });
      await ahead.close();
    }
  });
});

/**
 * Issue 14, item 6: code that runs in the content script's world (its isolated world, with its
 * `chrome.runtime`) asks the background for codes as often as it likes, with no user action: it
 * took every recovery code and could walk an HOTP counter out of the portal's look-ahead window.
 * Fills the content script asks for are limited per tab and origin, in session storage (a restarted
 * service worker keeps counting); the popup, which no page can reach, confirms the user again.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { FillResult } from '@/lib/protocol';
import { currentWorker } from '../chromium';
import { tabIdOf } from '../extension-page';
import { waitForFieldValue } from '../fill-steps';
import { hotpAt } from '../oathtool';
import {
  ALLOW_RECOVERY_CODE,
  classicOtpStep,
  confirmInPopup,
  demoRecoveryCodes,
  portalWithVaultForFile,
} from '../portal-steps';
import { fieldValue, inContentScriptWorld, sleep } from './attack-steps';

const ALICE = 'FHFW2IJQWKG6EBM2XQTMJ34JXGSD5HOL';
const BOB = 'TPZHOPH4XVZ4KKOQQC34BAMR4GJL4562';
const ALICE_CODES = demoRecoveryCodes('alice');
/** One recovery code per this many ms, from the content script (lib/fill/fill-rate.ts), with room. */
const RECOVERY_INTERVAL = 10_500;

const env = portalWithVaultForFile(
  [
    { login: 'alice', password: 'alice-pw', otp: { type: 'totp', secret: ALICE }, recoveryCodes: ALICE_CODES },
    { login: 'bob', password: 'bob-pw', otp: { type: 'hotp', secret: BOB, counter: 0 } },
  ],
  'attack test password',
  { withRecoveryCodes: true },
);

const otpStep = (login: string) => classicOtpStep(env.session, env.portal.url, login);

/** The content script's message, sent from its own world as any code running there can. */
const fromContentScript = (page: Page, message: object) =>
  inContentScriptWorld<FillResult>(page, env.session, `chrome.runtime.sendMessage(${JSON.stringify(message)})`);

const remaining = async () => {
  const status = await env.ext.send({ type: 'recovery-status', accountId: env.ids.alice! });
  return status.ok ? status.remaining : -1;
};

describe('the content script cannot drain the vault', () => {
  let page: Page;

  it('a burst of recovery-code requests takes no code without the user, asks once, and a restarted worker still remembers', async () => {
    page = await otpStep('alice');
    // The attacker learns the account ids from the content script's own question.
    const asked = await fromContentScript(page, { type: 'fill-request', kind: 'recovery' });
    const id = asked.ok ? asked.choices?.find((c) => c.label === 'alice')?.id : undefined;
    expect(id).toBe(env.ids.alice);

    const replies: FillResult[] = [];
    const { popup } = await confirmInPopup(
      env.session,
      async () => {
        for (let i = 0; i < 10; i++)
          replies.push(await fromContentScript(page, { type: 'fill-request', kind: 'recovery', accountId: id }));
        // No code left the vault: the first request asked the user, the others were held back.
        expect(await remaining()).toBe(10);
        expect(replies[0]).toMatchObject({ ok: true, filled: false });
        expect(replies.slice(1).map((r) => (r.ok ? 'asked' : r.code))).toEqual(Array(9).fill('rate-limited'));
      },
      ALLOW_RECOVERY_CODE,
    );
    // Positive control: once the user allows it, one live code really reaches the page.
    await expect.poll(() => fieldValue(page)).not.toBe('');
    expect(ALICE_CODES).toContain(await fieldValue(page));
    expect(await remaining()).toBe(9);
    await popup.close();

    await (await currentWorker(env.session)).close();
    expect(await fromContentScript(page, { type: 'fill-request', kind: 'recovery', accountId: id })).toMatchObject({
      ok: false,
      code: 'rate-limited',
    });
    expect(await remaining()).toBe(9);
  });

  it('a patient content script gets the user asked three times in all; then only the popup fills, and that allows asking again', async () => {
    const ask = () => fromContentScript(page, { type: 'fill-request', kind: 'recovery', accountId: env.ids.alice });
    await sleep(RECOVERY_INTERVAL);
    expect(await ask()).toMatchObject({ ok: true, filled: false });
    await sleep(RECOVERY_INTERVAL);
    expect(await ask()).toMatchObject({ ok: true, filled: false });
    await sleep(RECOVERY_INTERVAL);
    const capped = await ask();
    expect(capped).toMatchObject({ ok: false, code: 'rate-confirm' });
    expect(capped.ok ? '' : capped.message).toContain("use the extension's toolbar button");
    expect(await remaining()).toBe(9);

    // The user fills from the popup: that goes ahead, and the page may ask again.
    const tabId = await tabIdOf(env.ext, page);
    expect(await env.ext.send({ type: 'fill', tabId, accountId: env.ids.alice!, kind: 'recovery' })).toMatchObject({
      ok: true,
      filled: true,
    });
    expect(await ask()).toMatchObject({ ok: true, filled: false });
    expect(await remaining()).toBe(8);
    await page.close();
  }, 90_000);

  it('HOTP: a burst cannot walk the counter out of the portal’s window; the user still signs in', async () => {
    const bobPage = await otpStep('bob');
    const replies: FillResult[] = [];
    for (let i = 0; i < 12; i++)
      replies.push(await fromContentScript(bobPage, { type: 'fill-request', kind: 'otp', accountId: env.ids.bob }));
    const list = await env.ext.send({ type: 'accounts-list' });
    const counter = list.ok ? list.accounts.find((a) => a.id === env.ids.bob)?.counter : undefined;
    // Five counters used, well inside the portal's look-ahead of ten.
    expect(counter).toBe(5);
    expect(replies.filter((r) => r.ok && r.filled)).toHaveLength(5);
    expect(await fieldValue(bobPage)).toBe(hotpAt(BOB, 4));

    // The user fills from the popup and signs in: the portal still accepts the next code.
    const tabId = await tabIdOf(env.ext, bobPage);
    expect(await env.ext.send({ type: 'fill', tabId, accountId: env.ids.bob! })).toMatchObject({
      ok: true,
      filled: true,
    });
    expect(await waitForFieldValue(bobPage, (v) => v === hotpAt(BOB, 5))).toBe(hotpAt(BOB, 5));
    await Promise.all([bobPage.waitForNavigation(), bobPage.click('form[name="form_auth"] input[type="submit"]')]);
    expect(await bobPage.$eval('body', (b) => b.textContent)).toContain('Signed in as bob');
    await bobPage.close();
  });
});

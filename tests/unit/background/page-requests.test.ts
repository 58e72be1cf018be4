import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FILL_RATE_RULES } from '@/lib/fill';
import type { MessageOf } from '@/lib/protocol';
import { realBackground, TEST_PASSWORD } from '../components/real-background';

// What a page can make the background do with the requests a content script sends for it: a page
// that only looks like the portal's enrolment page (a script on a page of the bound portal, say),
// or one that asks again and again, or asks while the vault is locked.

const PORTAL = 'https://company.bitrix24.com';
const ALICE = 'otpauth://totp/Company:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Company';
const TEN_CODES = Array.from({ length: 10 }, (_, i) => `${String(i).repeat(4)}-abcd`);

/** A key of the page's own, different for each `n`, spaced in fours as Bitrix shows it. */
const pageKey = (n: number) => `GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QO${'ABCDEFGHIJKLMNOP'[n]}A`;
const enrolment = (userName: string, n = 0): MessageOf<'enrol-request'> => ({
  type: 'enrol-request',
  qr: [],
  keyText: pageKey(n),
  codeInputs: 1,
  userName,
});

async function alicesVault() {
  const background = await realBackground();
  const [aliceId] = await background.withAccounts({ uri: ALICE, origins: [PORTAL] });
  await background.withRecoveryCodes(aliceId!, TEN_CODES);
  const tabId = await background.withPage(`${PORTAL}/security/`, [{ frameId: 0, state: 'enrol' }]);
  // The same spy across tests (the fake browser's method stays wrapped): counted from here.
  const popups = vi.spyOn(fakeBrowser.action, 'openPopup');
  popups.mockClear();
  return { background, aliceId: aliceId!, tabId, popups };
}

describe('an enrolment that replaces an account', () => {
  it('keeps the old account, renamed, with its recovery codes, once the user allows it', async () => {
    const { background, aliceId, tabId } = await alicesVault();
    expect(await background.fromPage(tabId, 0, enrolment('alice'))).toMatchObject({ code: 'replace-confirm' });
    const asked = await background.call({ type: 'confirmation-get' });
    const confirmation = asked.ok ? asked.confirmation : null;
    expect(confirmation).toMatchObject({ kind: 'enrol-replace', label: 'alice', origin: PORTAL });
    expect(await background.call({ type: 'confirmation-answer', id: confirmation!.id, accept: true })).toMatchObject({
      ok: true,
    });
    const day = new Date().toISOString().slice(0, 10);
    const labels = (await background.summaries()).map((a) => a.label).sort();
    expect(labels).toEqual(['alice', `alice (replaced ${day})`]);
    const old = (await background.summaries()).find((a) => a.id === aliceId)!;
    expect(old.label).toBe(`alice (replaced ${day})`);
    expect(await background.call({ type: 'recovery-status', accountId: aliceId })).toMatchObject({
      ok: true,
      remaining: 10,
    });
  });

  it('asked again before the user answered, shows the same question again: the page cannot swap what is allowed', async () => {
    const { background, tabId, popups } = await alicesVault();
    await background.fromPage(tabId, 0, enrolment('alice'));
    const first = await background.call({ type: 'confirmation-get' });
    expect(await background.fromPage(tabId, 0, enrolment('alice', 1))).toMatchObject({ code: 'replace-confirm' });
    expect(popups).toHaveBeenCalledTimes(2);
    const again = await background.call({ type: 'confirmation-get' });
    expect(again).toEqual(first);
    // Yes adds the account the question was first asked for (the first key), not the page's later one.
    await background.call({ type: 'confirmation-answer', id: again.ok ? again.confirmation!.id : '', accept: true });
    const added = (await background.accounts()).find((a) => a.label === 'alice')!;
    expect(added.secret).toBe(pageKey(0).replaceAll(' ', ''));
  });

  it('a question a page in another tab asked is not lent to the enrolment the user makes', async () => {
    const { background, tabId } = await alicesVault();
    // A fake enrolment page (a script on the portal) asks first, with its own key.
    await background.fromPage(tabId, 0, enrolment('alice', 0));
    const faked = await background.call({ type: 'confirmation-get' });
    // The user's real enrolment, in another tab, with the key Bitrix24 gave.
    const real = await background.withPage(`${PORTAL}/security/`, [{ frameId: 0, state: 'enrol' }]);
    expect(await background.fromPage(real, 0, enrolment('alice', 1))).toMatchObject({ code: 'replace-confirm' });
    const asked = await background.call({ type: 'confirmation-get' });
    expect(asked.ok && asked.confirmation!.id).not.toBe(faked.ok && faked.confirmation!.id);
    await background.call({ type: 'confirmation-answer', id: asked.ok ? asked.confirmation!.id : '', accept: true });
    const added = (await background.accounts()).find((a) => a.label === 'alice')!;
    expect(added.secret).toBe(pageKey(1).replaceAll(' ', ''));
  });

  it('where the replaced account was the remembered choice for the portal, the new one is', async () => {
    const { background, aliceId, tabId } = await alicesVault();
    const choice = await import('@/entrypoints/background/remembered-choice');
    await choice.remember(PORTAL, aliceId);
    await choice.remember('https://other.bitrix24.com', 'someone-else');
    await background.fromPage(tabId, 0, enrolment('alice'));
    const asked = await background.call({ type: 'confirmation-get' });
    await background.call({ type: 'confirmation-answer', id: asked.ok ? asked.confirmation!.id : '', accept: true });
    const added = (await background.accounts()).find((a) => a.label === 'alice')!;
    expect(added.id).not.toBe(aliceId);
    expect(await choice.rememberedChoice(PORTAL)).toBe(added.id);
    expect(await choice.rememberedChoice('https://other.bitrix24.com')).toBe('someone-else');
  });

  it('an invisible character in the login does not make it someone else: the user is asked about alice', async () => {
    const { background, tabId } = await alicesVault();
    expect(await background.fromPage(tabId, 0, enrolment('ali\u200bce'))).toMatchObject({ code: 'replace-confirm' });
    expect(await background.call({ type: 'confirmation-get' })).toMatchObject({
      confirmation: { kind: 'enrol-replace', label: 'alice' },
    });
    expect(await background.summaries()).toHaveLength(1);
  });
});

describe('a page asking for enrolments again and again', () => {
  it('gets two a minute and five in all in one tab, then is told to use the toolbar button', async () => {
    const { background, tabId } = await alicesVault();
    let now = Date.now();
    background.useClock(() => now);
    const { perWindow, cap } = FILL_RATE_RULES.enrol;
    const outcomes: string[] = [];
    for (let n = 0; n < cap! + 2; n++) {
      const reply = await background.fromPage(tabId, 0, enrolment(`person${n}`, n));
      outcomes.push(reply?.ok ? 'added' : (reply?.code ?? 'none'));
      // Two at once, then one each half minute.
      if (n >= perWindow - 1) now += 30_001;
    }
    expect(outcomes.slice(0, perWindow)).toEqual(['added', 'added']);
    expect(outcomes.filter((o) => o === 'added')).toHaveLength(cap!);
    expect(outcomes.slice(-1)).toEqual(['rate-confirm']);
    expect(await background.summaries()).toHaveLength(1 + cap!);
  });

  it('two at once are let through, the third at once is told when to try again', async () => {
    const { background, tabId } = await alicesVault();
    await background.fromPage(tabId, 0, enrolment('bob', 1));
    await background.fromPage(tabId, 0, enrolment('carol', 2));
    const third = await background.fromPage(tabId, 0, enrolment('dave', 3));
    expect(third).toMatchObject({ ok: false, code: 'rate-limited' });
    expect(third && !third.ok && third.message).toMatch(/Not added: .* Try again in \d+ s\./);
  });
});

describe('a page asking while the vault is locked', () => {
  it('an enrolment opens the unlock window only on a portal an account was bound to', async () => {
    const { background, popups } = await alicesVault();
    // Unlocked once with alice's account in the vault (so the background knows where it is bound), then auto-locked.
    await background.lock();
    expect(await background.call({ type: 'vault-unlock', password: TEST_PASSWORD })).toMatchObject({ ok: true });
    await background.lock();
    const elsewhere = await background.withPage('https://other.bitrix24.com/security/', [
      { frameId: 0, state: 'enrol' },
    ]);
    expect(await background.fromPage(elsewhere, 0, enrolment('bob'))).toMatchObject({
      ok: false,
      code: 'locked',
      message: 'Bitrix24 Authenticator is locked. Unlock it from its toolbar button.',
    });
    expect(popups).not.toHaveBeenCalled();
    // The control: the portal alice's account is bound to may ask for the unlock window.
    const home = await background.withPage(`${PORTAL}/security/`, [{ frameId: 0, state: 'enrol' }]);
    expect(await background.fromPage(home, 0, enrolment('bob'))).toMatchObject({ ok: false, code: 'locked' });
    expect(popups).toHaveBeenCalledTimes(1);
  });

  it('so does a doubted click on the fill button (popup-request)', async () => {
    const { background, popups } = await alicesVault();
    await background.lock();
    expect(await background.call({ type: 'vault-unlock', password: TEST_PASSWORD })).toMatchObject({ ok: true });
    await background.lock();
    const elsewhere = await background.withPage('https://other.bitrix24.com/auth/', [{ frameId: 0, state: 'otp' }]);
    expect(await background.fromPage(elsewhere, 0, { type: 'popup-request' })).toMatchObject({
      ok: false,
      code: 'locked',
    });
    expect(popups).not.toHaveBeenCalled();
    const home = await background.withPage(`${PORTAL}/auth/`, [{ frameId: 0, state: 'otp' }]);
    expect(await background.fromPage(home, 0, { type: 'popup-request' })).toEqual({ ok: true });
    expect(popups).toHaveBeenCalledTimes(1);
  });
});

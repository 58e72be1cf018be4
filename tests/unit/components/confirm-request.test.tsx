// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { realBackground } from './real-background';
import { renderPopup } from './popup-harness';
import { loadEnglish } from './setup';

const PORTAL = 'https://company.bitrix24.com';
const URI = 'otpauth://totp/Company:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Company';
const CODES = ['ab12-cd34', 'ef56-gh78', 'ij90-kl12'];

beforeEach(() => loadEnglish());
afterEach(cleanup);

/** A vault with alice's account and codes, and a portal tab whose page asked for a recovery code. */
async function askedForRecoveryCode() {
  const background = await realBackground();
  const [id] = await background.withAccounts({ uri: URI, origins: [PORTAL] });
  await background.withRecoveryCodes(id!, CODES);
  const tabId = await background.withPage(`${PORTAL}/auth/`, [{ frameId: 0, state: 'otp' }]);
  const reply = await background.fromPage(tabId, 0, { type: 'fill-request', kind: 'recovery' });
  return { background, id: id!, tabId, reply };
}

const fillCodes = (background: Awaited<ReturnType<typeof realBackground>>) =>
  background.contentScript.mock.calls.filter(([, message]) => (message as { type: string }).type === 'fill-code');

describe('a recovery code the page asked for', () => {
  it('leaves the vault only once the user allows it in the popup, which names the portal and the account', async () => {
    const { background, id, reply } = await askedForRecoveryCode();
    expect(reply).toMatchObject({ ok: true, filled: false, note: expect.stringContaining('window that opened') });
    expect(fillCodes(background)).toHaveLength(0);
    expect(await background.call({ type: 'recovery-status', accountId: id })).toMatchObject({ remaining: 3 });

    await renderPopup(background);
    expect(await screen.findByRole('heading', { name: 'Use a recovery code?' })).toBeTruthy();
    expect(
      screen.getByText(`${PORTAL} asks for a recovery code of alice (Company). Each code works only once.`),
    ).toBeTruthy();
    // A stray Enter lands on Cancel.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Cancel'));

    fireEvent.click(screen.getByRole('button', { name: 'Enter a recovery code' }));
    await waitFor(() => expect(fillCodes(background)).toHaveLength(1));
    const [tabId, message, options] = fillCodes(background)[0]!;
    expect(tabId).toBeTypeOf('number');
    expect(message).toMatchObject({ type: 'fill-code', code: CODES[0], origin: PORTAL });
    // To the document that asked, not to whatever the frame shows later.
    expect(options).toEqual({ documentId: expect.stringMatching(/^document-/) });
    expect(await background.call({ type: 'recovery-status', accountId: id })).toMatchObject({ remaining: 2 });
    expect(await background.call({ type: 'confirmation-get' })).toEqual({ ok: true, confirmation: null });
  });

  it('Cancel lets nothing out, and the question is gone', async () => {
    const { background, id } = await askedForRecoveryCode();
    await renderPopup(background);
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('Nothing was entered.')).toBeTruthy();
    expect(fillCodes(background)).toHaveLength(0);
    expect(await background.call({ type: 'recovery-status', accountId: id })).toMatchObject({ remaining: 3 });
    expect(await background.call({ type: 'confirmation-get' })).toEqual({ ok: true, confirmation: null });
  });

  it('an answer counts once, and only for the question asked', async () => {
    const { background, id } = await askedForRecoveryCode();
    const asked = await background.call({ type: 'confirmation-get' });
    const confirmation = asked.ok ? asked.confirmation : null;
    expect(confirmation).toMatchObject({ kind: 'recovery-fill', origin: PORTAL, label: 'alice' });
    expect(await background.call({ type: 'confirmation-answer', id: 'another', accept: true })).toMatchObject({
      ok: false,
      code: 'confirmation-gone',
    });
    expect(await background.call({ type: 'confirmation-answer', id: confirmation!.id, accept: true })).toMatchObject({
      ok: true,
    });
    expect(await background.call({ type: 'confirmation-answer', id: confirmation!.id, accept: true })).toMatchObject({
      ok: false,
      code: 'confirmation-gone',
    });
    expect(fillCodes(background)).toHaveLength(1);
    expect(await background.call({ type: 'recovery-status', accountId: id })).toMatchObject({ remaining: 2 });
  });

  it('a content script cannot answer for the user', async () => {
    const { background, tabId } = await askedForRecoveryCode();
    const asked = await background.call({ type: 'confirmation-get' });
    const id = asked.ok ? asked.confirmation!.id : '';
    expect(await background.fromPage(tabId, 0, { type: 'confirmation-get' })).toBeNull();
    expect(await background.fromPage(tabId, 0, { type: 'confirmation-answer', id, accept: true })).toBeNull();
    expect(fillCodes(background)).toHaveLength(0);
  });
});

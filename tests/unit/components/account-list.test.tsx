// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { codeAt } from '@/lib/otp';
import { FIRST_SCREEN_ROWS, type Message } from '@/lib/protocol';
import { type RealBackground, realBackground } from './real-background';
import { renderPopup } from './popup-harness';
import { loadEnglish, ManualTimers } from './setup';

const KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const OTHER_KEY = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const PORTAL = 'https://company.bitrix24.com';

beforeEach(() => loadEnglish());
afterEach(cleanup);

const rows = () =>
  [...document.querySelectorAll<HTMLElement>('li.account')].sort(
    (a, b) => Number(a.dataset.index) - Number(b.dataset.index),
  );
const codeButton = (name: RegExp) => screen.getByRole('button', { name });

async function manyAccounts(count: number): Promise<RealBackground> {
  const background = await realBackground();
  await background.withAccounts(
    ...Array.from({ length: count }, (_, i) => ({
      uri: `otpauth://totp/Portal%20${String(i).padStart(4, '0')}:user${i}?secret=${KEY}`,
    })),
  );
  return background;
}

/** A background whose unlocked vault holds these accounts. */
async function withAccounts(...entries: Parameters<RealBackground['withAccounts']>) {
  const background = await realBackground();
  const ids = await background.withAccounts(...entries);
  return { background, ids };
}

describe('the account list', () => {
  it('shows issuer, login and the live code grouped for reading, with a countdown', async () => {
    const timers = new ManualTimers();
    const { background } = await withAccounts({ uri: `otpauth://totp/Acme:alice?secret=${KEY}` });
    await renderPopup(background, timers);
    const expected = codeAt((await background.accounts())[0]!, timers.now());
    const button = codeButton(/copy the code of Acme — alice/);
    expect(button.textContent).toBe(`${expected.slice(0, 3)} ${expected.slice(3)}`);
    expect(rows()[0]!.textContent).toContain('Acme');
    expect(screen.getByRole('img', { name: 'Expires in 20 s' })).toBeTruthy();
    timers.advance(5_010);
    expect(await screen.findByRole('img', { name: 'Expires in 15 s' })).toBeTruthy();
  });

  it('groups eight-digit codes in fours, and names an account without issuer by its portal', async () => {
    const { background } = await withAccounts({
      uri: `otpauth://totp/bob?secret=${KEY}&digits=8`,
      origins: [PORTAL],
    });
    await renderPopup(background);
    expect(codeButton(/copy the code of company\.bitrix24\.com — bob/).textContent).toMatch(/^\d{4} \d{4}$/);
  });

  it('puts the accounts of the current tab’s portal first, the rest alphabetically', async () => {
    const { background } = await withAccounts(
      { uri: `otpauth://totp/Beta:b?secret=${KEY}` },
      { uri: `otpauth://totp/Zulu:z?secret=${KEY}`, origins: [PORTAL] },
      { uri: `otpauth://totp/alpha:a?secret=${KEY}` },
    );
    await renderPopup(background, undefined, { origin: PORTAL });
    expect(rows().map((row) => row.querySelector('.account-title')?.textContent)).toEqual(['Zulu', 'alpha', 'Beta']);
  });

  it('filters as the user types, ignoring case and accents, and says when nothing matches', async () => {
    const { background } = await withAccounts(
      { uri: `otpauth://totp/Société%20Générale:jean?secret=${KEY}` },
      { uri: `otpauth://totp/Acme:alice?secret=${KEY}` },
    );
    await renderPopup(background);
    const search = screen.getByRole('searchbox', { name: 'Search accounts' });
    fireEvent.input(search, { target: { value: 'societe' } });
    expect(rows().map((row) => row.querySelector('.account-login')?.textContent)).toEqual(['jean']);
    fireEvent.input(search, { target: { value: 'nobody' } });
    expect(screen.getByText('Nothing matches “nobody”.')).toBeTruthy();
  });

  it('typing a letter while a row has focus goes to the search box', async () => {
    const { background } = await withAccounts(
      { uri: `otpauth://totp/Acme:alice?secret=${KEY}` },
      { uri: `otpauth://totp/Bravo:bob?secret=${KEY}` },
    );
    await renderPopup(background);
    const first = codeButton(/copy the code of Acme — alice/);
    first.focus();
    fireEvent.keyDown(first, { key: 'b' });
    const search = screen.getByRole('searchbox') as HTMLInputElement;
    expect(search.value).toBe('b');
    expect(document.activeElement).toBe(search);
    expect(rows()).toHaveLength(1);
  });

  it('stays small with 500 accounts: only the rows in view are drawn, and scrolling draws the others', async () => {
    await renderPopup(await manyAccounts(500));
    // The first reply carries the first screen; the whole list follows it.
    await waitFor(() => expect(rows()[0]!.getAttribute('aria-setsize')).toBe('500'));
    expect(rows().length).toBeLessThanOrEqual(20);
    expect(rows()[0]!.textContent).toContain('Portal 0000');
    const viewport = document.querySelector<HTMLElement>('.account-viewport')!;
    viewport.scrollTop = 56 * 400;
    fireEvent.scroll(viewport);
    await waitFor(() => expect(rows().some((row) => row.textContent?.includes('Portal 0400'))).toBe(true));
    expect(rows().length).toBeLessThanOrEqual(20);
    expect(rows().some((row) => row.textContent?.includes('Portal 0000'))).toBe(false);
  });

  it('draws the first screen from the popup’s one first reply, the tab’s portal first, and the whole list after it', async () => {
    const background = await manyAccounts(40);
    await background.withAccounts({ uri: `otpauth://totp/Zulu:z?secret=${KEY}`, origins: [PORTAL] });
    const { tabId } = await renderPopup(background, undefined, { origin: PORTAL });
    expect(rows()[0]!.querySelector('.account-title')?.textContent).toBe('Zulu');
    const reply = await background.send({ type: 'popup-open', tabId });
    expect(reply).toMatchObject({ ok: true, state: 'unlocked', accounts: { total: 41, unreadable: [] } });
    const first = reply?.ok ? reply.accounts!.first : [];
    expect(first.map((account) => account.issuer)).toEqual([
      'Zulu',
      ...Array.from({ length: FIRST_SCREEN_ROWS - 1 }, (_, i) => `Portal ${String(i).padStart(4, '0')}`),
    ]);
    expect(first.every((account) => /^\d{6}$/.test(account.code ?? ''))).toBe(true);
    await waitFor(() => expect(rows()[0]!.getAttribute('aria-setsize')).toBe('41'));
    expect(rows()[0]!.querySelector('.account-title')?.textContent).toBe('Zulu');
  });

  it('arrow keys move between rows, drawing rows beyond the window as focus reaches them', async () => {
    await renderPopup(await manyAccounts(60));
    await waitFor(() => expect(rows()[0]!.getAttribute('aria-setsize')).toBe('60'));
    fireEvent.keyDown(screen.getByRole('searchbox'), { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement?.closest('li')?.dataset.index).toBe('0'));
    for (let i = 1; i <= 25; i++) {
      fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
      await waitFor(() => expect(document.activeElement?.closest('li')?.dataset.index).toBe(String(i)));
    }
    expect(document.activeElement?.getAttribute('aria-label')).toContain('Portal 0025');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    await waitFor(() => expect(document.activeElement?.closest('li')?.dataset.index).toBe('24'));
  });
});

describe('copying a code', () => {
  it('copies without spaces, confirms, and hands the code to the background to clear after the set time', async () => {
    const { background } = await withAccounts({ uri: `otpauth://totp/Acme:alice?secret=${KEY}` });
    await background.withSettings({ clipboardClearSeconds: 30 });
    const timers = new ManualTimers();
    const { clipboard } = await renderPopup(background, timers);
    const code = codeAt((await background.accounts())[0]!, timers.now());
    fireEvent.click(codeButton(/copy the code of Acme — alice/));
    expect(await screen.findByText('Code copied. It will be cleared from the clipboard in 30 s.')).toBeTruthy();
    expect(clipboard.text).toBe(code);
    expect(background.sentOf('clipboard-copied')).toEqual([{ type: 'clipboard-copied', code }]);
  });

  it('with clearing off, copies and says nothing about clearing', async () => {
    const { background } = await withAccounts({ uri: `otpauth://totp/Acme:alice?secret=${KEY}` });
    await background.withSettings({ clipboardClearSeconds: 0 });
    const { clipboard } = await renderPopup(background);
    fireEvent.click(codeButton(/copy the code of Acme — alice/));
    expect(await screen.findByText('Code copied.')).toBeTruthy();
    expect(clipboard.text).not.toBe('');
  });

  it('promises no clearing when the background did not take it on', async () => {
    const { background } = await withAccounts({ uri: `otpauth://totp/Acme:alice?secret=${KEY}` });
    await background.withSettings({ clipboardClearSeconds: 30 });
    // The background failed to take the clearing on (say, Chrome refused the offscreen document).
    background.failNext('clipboard-copied', { ok: false, code: 'internal', message: 'no' });
    const { clipboard } = await renderPopup(background);
    fireEvent.click(codeButton(/copy the code of Acme — alice/));
    expect(await screen.findByText('Code copied.')).toBeTruthy();
    expect(clipboard.text).toMatch(/^\d{6}$/);
  });

  it('says so when the browser refuses to copy', async () => {
    const { background } = await withAccounts({ uri: `otpauth://totp/Acme:alice?secret=${KEY}` });
    const { clipboard } = await renderPopup(background);
    clipboard.write.mockRejectedValueOnce(new Error('denied'));
    fireEvent.click(codeButton(/copy the code of Acme — alice/));
    expect(await screen.findByText(/could not be copied/)).toBeTruthy();
  });
});

describe('HOTP accounts', () => {
  it('show “Next code”, which asks the background for the next code each time', async () => {
    const { background } = await withAccounts({ uri: `otpauth://hotp/Acme:bob?secret=${KEY}&counter=5` });
    const account = (await background.accounts())[0]!;
    const grouped = (counter: number) => codeAt(account, counter).replace(/^(\d{3})/, '$1 ');
    await renderPopup(background);
    expect(screen.queryByRole('img', { name: /Expires/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Next code — Acme — bob' }));
    expect((await screen.findByRole('button', { name: /copy the code of Acme — bob/ })).textContent).toBe(grouped(5));
    fireEvent.click(screen.getByRole('button', { name: 'Next code — Acme — bob' }));
    await waitFor(() => expect(codeButton(/copy the code of Acme — bob/).textContent).toBe(grouped(6)));
    expect(background.sentOf('hotp-next')).toHaveLength(2);
    expect((await background.accounts())[0]!.counter).toBe(7);
  });
});

describe('Fill', () => {
  const otpTab = { origin: PORTAL, frames: [{ state: 'otp' as const, origin: PORTAL, frameId: 0 }] };
  const TEN_CODES = Array.from({ length: 10 }, (_, i) => `c0d${i}-x${i}y${i}`);

  function twoAccounts() {
    return withAccounts(
      { uri: `otpauth://totp/Mine:alice?secret=${KEY}`, origins: [PORTAL] },
      { uri: `otpauth://totp/Other:bob?secret=${OTHER_KEY}`, origins: ['https://other.bitrix24.com'] },
    );
  }

  it('is offered only for accounts bound to the tab’s portal, and sends exactly the fill message', async () => {
    const { background, ids } = await twoAccounts();
    const timers = new ManualTimers();
    const { tabId } = await renderPopup(background, timers, otpTab);
    const fill = await screen.findByRole('button', { name: 'Fill — Mine — alice' });
    expect(screen.queryByRole('button', { name: /Fill — Other/ })).toBeNull();
    fireEvent.click(fill);
    expect(await screen.findByText('Code filled.')).toBeTruthy();
    expect(background.sentOf('fill')).toEqual([{ type: 'fill', tabId, accountId: ids[0] }]);
    // The code went to the tab's code field, and nowhere else.
    const code = codeAt((await background.accounts()).find((a) => a.id === ids[0])!, timers.now());
    expect(background.contentScript).toHaveBeenCalledTimes(1);
    const [toTab, message] = background.contentScript.mock.calls[0]!;
    expect(toTab).toBe(tabId);
    expect(message).toMatchObject({ type: 'fill-code', code });
  });

  it('asks for a recovery code where the page asks for one', async () => {
    const { background, ids } = await twoAccounts();
    await background.withRecoveryCodes(ids[0]!, TEN_CODES);
    await renderPopup(background, undefined, {
      origin: PORTAL,
      frames: [{ state: 'recovery', origin: PORTAL, frameId: 0 }],
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Fill — Mine — alice' }));
    expect(await screen.findByText('Code filled. Recovery code filled. 9 left.')).toBeTruthy();
    expect(background.sentOf('fill')[0]).toMatchObject({ kind: 'recovery' });
  });

  it('gives a one-time code where a doubted click on the page’s button opened the popup', async () => {
    const { background } = await twoAccounts();
    await renderPopup(background, undefined, { ...otpTab, pageSaid: [{ type: 'popup-request' }] });
    expect(await screen.findByText(/asks for a one-time code/)).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Fill — Mine — alice' }));
    expect(await screen.findByText('Code filled.')).toBeTruthy();
    expect(background.sentOf('fill')[0]).not.toHaveProperty('kind');
  });

  it('never lets the page turn the popup’s plain Fill into a recovery code (which needs the user’s yes)', async () => {
    const { background, ids } = await twoAccounts();
    await background.withRecoveryCodes(ids[0]!, TEN_CODES);
    // What a page's script sends when it pretends the user clicked #: stop 20's protocol took the kind.
    const claim = { type: 'popup-request', kind: 'recovery' } as unknown as Message;
    await renderPopup(background, undefined, { ...otpTab, pageSaid: [claim] });
    expect(await screen.findByText(/asks for a one-time code/)).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Fill — Mine — alice' }));
    expect(await screen.findByText('Code filled.')).toBeTruthy();
    expect(background.sentOf('fill')[0]).not.toHaveProperty('kind');
  });

  it('is not offered where the tab shows no code field', async () => {
    const { background } = await twoAccounts();
    await renderPopup(background, undefined, {
      origin: PORTAL,
      frames: [{ state: 'password', origin: PORTAL, frameId: 0 }],
    });
    await screen.findByText(/the password step/);
    expect(screen.queryByRole('button', { name: /^Fill/ })).toBeNull();
  });

  it('shows the background’s reason when it refuses', async () => {
    const { background } = await twoAccounts();
    // The page's code field went away before the code arrived.
    background.contentScript.mockResolvedValue({ filled: false, reason: 'no-field' });
    await renderPopup(background, undefined, otpTab);
    fireEvent.click(await screen.findByRole('button', { name: 'Fill — Mine — alice' }));
    const reason = await screen.findByText('There is no code field to fill on this page.');
    expect(reason.getAttribute('role')).toBe('alert');
  });

  it('handles a background without a fill handler (no reply) gracefully', async () => {
    const { background } = await twoAccounts();
    background.failNext('fill', undefined);
    await renderPopup(background, undefined, otpTab);
    fireEvent.click(await screen.findByRole('button', { name: 'Fill — Mine — alice' }));
    expect(await screen.findByText(/did not answer/)).toBeTruthy();
  });
});

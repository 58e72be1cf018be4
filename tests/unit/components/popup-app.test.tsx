// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import type { Send } from '@/lib/protocol';
import { realBackground, TEST_PASSWORD } from './real-background';
import { renderPopup } from './popup-harness';
import { loadEnglish, ManualTimers } from './setup';

const KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PORTAL = 'https://company.bitrix24.com';

/** Types into the password form's fields that are given (the others keep what they hold) and presses `button`. */
function submitPassword(button: 'Create vault' | 'Unlock', fields: { password?: string; repeat?: string }): void {
  if (fields.password !== undefined) {
    fireEvent.input(screen.getByLabelText('Master password'), { target: { value: fields.password } });
  }
  if (fields.repeat !== undefined) {
    fireEvent.input(screen.getByLabelText('Repeat the password'), { target: { value: fields.repeat } });
  }
  fireEvent.click(screen.getByRole('button', { name: button }));
}

beforeEach(() => loadEnglish());
afterEach(cleanup);

describe('PopupApp', () => {
  it('first run: explains the master password, refuses a short or unconfirmed one, then shows the empty list', async () => {
    const background = await realBackground();
    await renderPopup(background);
    // The first-run screen's code loads when it is first shown.
    expect(await screen.findByRole('heading', { name: 'Create your master password' })).toBeTruthy();
    expect(screen.getByText(/encrypts your sign-in keys/)).toBeTruthy();
    expect(screen.getByText(/cannot be recovered/)).toBeTruthy();

    submitPassword('Create vault', { password: 'short' });
    expect(await screen.findByText('Use at least 8 characters.')).toBeTruthy();
    expect(background.sentOf('vault-create')).toHaveLength(0);

    submitPassword('Create vault', { password: 'purple elephant dances 42', repeat: 'purple elephant dances 4' });
    expect(await screen.findByText('The two passwords differ.')).toBeTruthy();

    submitPassword('Create vault', { repeat: 'purple elephant dances 42' });
    expect(await screen.findByText('No accounts yet.')).toBeTruthy();
    expect(background.sentOf('vault-create')).toEqual([
      { type: 'vault-create', password: 'purple elephant dances 42' },
    ]);
    expect(await background.state()).toBe('unlocked');
    expect(await background.opensWith('purple elephant dances 42')).toBe(true);
  });

  it('a managed first run lists the organization’s rules and enforces them', async () => {
    const background = await realBackground({
      policy: { minPasswordLength: 14, passwordPattern: '\\d', passwordPatternHint: 'Include a digit' },
    });
    await renderPopup(background);
    expect(await screen.findByText('Your organization requires:')).toBeTruthy();
    expect(screen.getByText('At least 14 characters')).toBeTruthy();
    expect(screen.getByText('Include a digit')).toBeTruthy();
    submitPassword('Create vault', { password: 'twelve chars' });
    expect(await screen.findByText('Use at least 14 characters.')).toBeTruthy();
    submitPassword('Create vault', { password: 'fourteen characters' });
    expect(await screen.findByText("This password does not meet your organization's rules.")).toBeTruthy();
    expect(background.sentOf('vault-create')).toHaveLength(0);
  });

  it('shows the strength of the password as it is typed', async () => {
    await renderPopup(await realBackground());
    const field = await screen.findByLabelText('Master password');
    fireEvent.input(field, { target: { value: 'password1' } });
    expect(screen.getByText('Strength: very weak')).toBeTruthy();
    fireEvent.input(field, { target: { value: 'Velvet-Otter-Kettle-Moon-93' } });
    expect(screen.getByText('Strength: strong')).toBeTruthy();
    // The meter is named by the words beside it.
    const meter = document.querySelector('meter')!;
    expect(meter.closest('[data-strength]')?.getAttribute('data-strength')).toBe('4');
    expect(document.getElementById(meter.getAttribute('aria-labelledby')!)?.textContent).toBe('Strength: strong');
  });

  it('locked: unlocks with the master password, says a wrong one is wrong, and shows the auto-lock time', async () => {
    const background = await realBackground();
    await background.withAccounts({ uri: `otpauth://totp/Acme:alice?secret=${KEY}` });
    await background.withSettings({ autoLockMinutes: 7 });
    await background.lock();
    await renderPopup(background);
    expect(screen.getByText('Locks automatically after 7 min without use.')).toBeTruthy();
    submitPassword('Unlock', { password: 'nope' });
    expect(await screen.findByText('Wrong password. Nothing was changed.')).toBeTruthy();
    submitPassword('Unlock', { password: TEST_PASSWORD });
    expect(await screen.findByText('alice')).toBeTruthy();
  });

  it('the lock button locks and returns to the unlock screen', async () => {
    const background = await realBackground();
    await background.withAccounts({ uri: `otpauth://totp/Acme:alice?secret=${KEY}` });
    await renderPopup(background);
    fireEvent.click(screen.getByRole('button', { name: 'Lock' }));
    expect(await screen.findByRole('heading', { name: 'Unlock' })).toBeTruthy();
    expect(await background.state()).toBe('locked');
    expect(screen.queryByText('alice')).toBeNull();
  });

  it('a whole list asked for before Lock, and answered after it, does not bring the codes back', async () => {
    const background = await realBackground();
    await background.withAccounts(
      ...Array.from({ length: 20 }, (_, i) => ({ uri: `otpauth://totp/Acme:user${i}?secret=${KEY}` })),
    );
    // The reply to the popup's request for the whole list (the first screen held 16) is held back.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const asked: string[] = [];
    await renderPopup(background, undefined, {
      send: (send) =>
        (async (message) => {
          const reply = await send(message);
          asked.push(message.type);
          if (message.type === 'accounts-list') await held;
          return reply;
        }) as Send,
    });
    await waitFor(() => expect(asked).toContain('accounts-list'));
    expect(screen.getByText('user0')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Lock' }));
    expect(await screen.findByRole('heading', { name: 'Unlock' })).toBeTruthy();
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getByRole('heading', { name: 'Unlock' })).toBeTruthy();
    expect(screen.queryByText('user0')).toBeNull();
  });

  it('a vault that auto-locked meanwhile turns any reply into the unlock screen', async () => {
    const background = await realBackground();
    await background.withAccounts({ uri: `otpauth://hotp/Acme:bob?secret=${KEY}&counter=0` });
    await renderPopup(background);
    await background.lock();
    fireEvent.click(screen.getByRole('button', { name: /^Next code — Acme — bob$/ }));
    expect(await screen.findByRole('heading', { name: 'Unlock' })).toBeTruthy();
  });

  it('asks the background for fresh codes when the shown ones expire', async () => {
    const timers = new ManualTimers();
    const background = await realBackground();
    await background.withAccounts({ uri: `otpauth://totp/Acme:alice?secret=${KEY}` });
    await renderPopup(background, timers);
    const first = screen.getByRole('button', { name: /copy the code of Acme — alice/ }).textContent;
    expect(screen.getByRole('img', { name: 'Expires in 20 s' })).toBeTruthy();
    const lists = background.sentOf('accounts-list').length;
    timers.advance(20_100);
    await waitFor(() => expect(background.sentOf('accounts-list').length).toBe(lists + 1));
    await waitFor(() => expect(screen.getByRole('button', { name: /copy the code/ }).textContent).not.toBe(first));
    expect(screen.getByRole('img', { name: 'Expires in 30 s' })).toBeTruthy();
  });

  it('Add account goes to the add screen and back to the list with the new account', async () => {
    const background = await realBackground();
    await background.withAccounts();
    await renderPopup(background);
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    fireEvent.input(await screen.findByLabelText('Secret key'), { target: { value: 'jbsw y3dp ehpk 3pxp' } });
    fireEvent.input(screen.getByLabelText('Login'), { target: { value: 'carol' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(await screen.findByText('carol')).toBeTruthy();
    expect(screen.getByRole('searchbox', { name: 'Search accounts' })).toBeTruthy();
    expect(await background.accounts()).toMatchObject([{ label: 'carol', secret: 'JBSWY3DPEHPK3PXP' }]);
  });

  it('offers the active tab’s portal when adding from a recognised sign-in page', async () => {
    const background = await realBackground();
    await background.withAccounts();
    await renderPopup(background, undefined, {
      origin: PORTAL,
      frames: [{ state: 'otp', origin: PORTAL, frameId: 0 }],
    });
    // The background's record of the tab arrives after the first render (get-tab-state).
    await screen.findByText(/company\.bitrix24\.com asks for a one-time code/);
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    expect(((await screen.findByLabelText('Portal address')) as HTMLInputElement).value).toBe(PORTAL);
  });

  it('keeps saying what the active tab is', async () => {
    await renderPopup(await realBackground(), undefined, { frames: [{ state: 'otp', origin: PORTAL, frameId: 0 }] });
    const status = await screen.findByText('Bitrix24 sign-in: company.bitrix24.com asks for a one-time code.');
    expect(status.getAttribute('data-page-state')).toBe('otp');
  });

  it('settings opens the options page', async () => {
    const { platform } = await renderPopup(await realBackground());
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(platform.openOptions).toHaveBeenCalled();
  });

  it('details: back with Escape, and a deleted account leaves the list', async () => {
    const background = await realBackground();
    await background.withAccounts({ uri: `otpauth://totp/Acme:alice?secret=${KEY}` });
    await renderPopup(background);
    fireEvent.click(screen.getByRole('button', { name: 'Details — Acme — alice' }));
    const heading = await screen.findByRole('heading', { name: 'Acme — alice' });
    fireEvent.keyDown(heading, { key: 'Escape' });
    expect(await screen.findByRole('searchbox')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Details — Acme — alice' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete account…' }));
    const confirm = screen.getByRole('group');
    expect(within(confirm).getByText(/cannot be undone/)).toBeTruthy();
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete for good' }));
    expect(await screen.findByText('No accounts yet.')).toBeTruthy();
    expect(await background.accounts()).toHaveLength(0);
  });
});

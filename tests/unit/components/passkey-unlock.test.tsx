// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { loadOptionsState } from '@/components/options/load-state';
import { OptionsApp } from '@/components/options/OptionsApp';
import type { OptionsPlatform } from '@/components/options/options-platform';
import { FakeAuthenticator } from './fake-passkeys';
import { renderPopup } from './popup-harness';
import { type RealBackground, realBackground, TEST_PASSWORD } from './real-background';
import { loadEnglish } from './setup';

const KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

beforeEach(() => loadEnglish());
afterEach(cleanup);

async function renderOptions(background: RealBackground, passkeys: FakeAuthenticator) {
  const platform: OptionsPlatform = {
    send: background.send,
    portals: { list: vi.fn(async () => []), grant: vi.fn(async () => true), revoke: vi.fn(async () => true) },
    download: vi.fn(async (_name: string, text: string) => text),
    keepStorage: vi.fn(async () => 'persisted' as const),
    passkeys,
    reload: vi.fn(),
  };
  render(<OptionsApp platform={platform} initial={await loadOptionsState(background.send)} />);
}

const panel = () => screen.findByRole('region', { name: 'Unlock with a passkey' });

async function addPasskey(name: string, password = TEST_PASSWORD) {
  const section = await panel();
  fireEvent.input(within(section).getByLabelText('Name of the passkey'), { target: { value: name } });
  fireEvent.input(within(section).getByLabelText('Master password'), { target: { value: password } });
  fireEvent.click(within(section).getByRole('button', { name: 'Add a passkey' }));
}

/** A vault with one account and a passkey "Laptop" added in the options page; locked again. */
async function lockedWithPasskey() {
  const background = await realBackground();
  await background.withAccounts({ uri: `otpauth://totp/Acme:alice?secret=${KEY}` });
  const authenticator = new FakeAuthenticator();
  await renderOptions(background, authenticator);
  await addPasskey('Laptop');
  expect(await screen.findByText('Passkey added. The next unlock offers it first.')).toBeTruthy();
  cleanup();
  await background.lock();
  return { background, authenticator };
}

describe('passkey unlock', () => {
  it('added in the options page, it is offered first in the popup and opens the vault', async () => {
    const { background, authenticator } = await lockedWithPasskey();
    await renderPopup(background, undefined, { passkeys: authenticator });
    const button = await screen.findByRole('button', { name: 'Unlock with a passkey' });
    // Offered first: before the password field.
    const field = screen.getByLabelText('Master password');
    expect(button.compareDocumentPosition(field) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    fireEvent.click(button);
    expect(await screen.findByText('alice')).toBeTruthy();
    expect(await background.state()).toBe('unlocked');
    expect(background.sentOf('vault-unlock')).toEqual([]);
  });

  it('a passkey that is not on this device, or a cancelled prompt, leaves the vault locked and the password working', async () => {
    const { background, authenticator } = await lockedWithPasskey();
    authenticator.forget(authenticator.created[0]!.id);
    await renderPopup(background, undefined, { passkeys: authenticator });
    fireEvent.click(await screen.findByRole('button', { name: 'Unlock with a passkey' }));
    expect(await screen.findByText(/The passkey was not used/)).toBeTruthy();
    expect(await background.state()).toBe('locked');
    fireEvent.input(screen.getByLabelText('Master password'), { target: { value: TEST_PASSWORD } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByText('alice')).toBeTruthy();
  });

  it('an answer that is not the passkey’s own PRF output is refused', async () => {
    const { background, authenticator } = await lockedWithPasskey();
    const { id } = authenticator.created[0]!;
    const forged = await background.call({
      type: 'vault-unlock-passkey',
      credentialId: id!,
      prf: btoa(String.fromCharCode(...new Uint8Array(32).fill(7))),
    });
    expect(forged).toMatchObject({ ok: false, code: 'passkey-refused' });
    expect(await background.state()).toBe('locked');
    // The control: the real output for the slot's salt opens it.
    const [slot] = await slots(background);
    const real = await background.call({
      type: 'vault-unlock-passkey',
      credentialId: id!,
      prf: authenticator.prfOf(id!, slot!.salt),
    });
    expect(real).toEqual({ ok: true });
    expect(await background.state()).toBe('unlocked');
  });

  it('adding needs the master password; a wrong one adds nothing', async () => {
    const background = await realBackground();
    await background.withAccounts();
    const authenticator = new FakeAuthenticator();
    await renderOptions(background, authenticator);
    await addPasskey('Laptop', 'not the password');
    expect(await screen.findByText('Wrong password. Nothing was changed.')).toBeTruthy();
    expect(await slots(background)).toEqual([]);
    // The right password next: the passkey the device already made is the one added, not a second.
    await addPasskey('Laptop');
    expect(await screen.findByText('Passkey added. The next unlock offers it first.')).toBeTruthy();
    expect(authenticator.created).toHaveLength(1);
    expect((await slots(background)).map(({ id }) => id)).toEqual([authenticator.created[0]!.id]);
  });

  it('a passkey without PRF, or a browser without passkeys, is said so and changes nothing', async () => {
    const background = await realBackground();
    await background.withAccounts();
    const authenticator = new FakeAuthenticator();
    authenticator.answer = 'no-prf';
    await renderOptions(background, authenticator);
    await addPasskey('Old key');
    expect(await screen.findByText(/it does not support the PRF extension/)).toBeTruthy();
    expect(await slots(background)).toEqual([]);
    cleanup();
    await renderOptions(background, new FakeAuthenticator({ available: false }));
    const section = await panel();
    expect(within(section).getByText(/This browser does not let the extension use passkeys/)).toBeTruthy();
    expect(within(section).queryByRole('button', { name: 'Add a passkey' })).toBeNull();
  });

  it('removed in the options page, it is no longer offered and no longer opens the vault', async () => {
    const { background, authenticator } = await lockedWithPasskey();
    const [slot] = await slots(background);
    await background.call({ type: 'vault-unlock', password: TEST_PASSWORD });
    await renderOptions(background, authenticator);
    const section = await panel();
    expect(within(section).getByText('Laptop')).toBeTruthy();
    fireEvent.click(within(section).getByRole('button', { name: 'Remove Laptop' }));
    expect(await screen.findByText(/Passkey removed/)).toBeTruthy();
    expect(await within(section).findByText('No passkey yet: the vault opens with the master password.')).toBeTruthy();
    cleanup();
    await background.lock();
    await renderPopup(background, undefined, { passkeys: authenticator });
    expect(await screen.findByLabelText('Master password')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Unlock with a passkey' })).toBeNull();
    // The passkey still answers as before; the vault no longer takes the answer.
    const prf = authenticator.prfOf(slot!.id, slot!.salt);
    expect(await background.call({ type: 'vault-unlock-passkey', credentialId: slot!.id, prf })).toMatchObject({
      ok: false,
      code: 'passkey-refused',
    });
  });
});

describe('an administrator who forbids passkey unlock', () => {
  it('finds no option in the options page, no button in the popup, and a forged unlock refused; the slots go at the next password unlock', async () => {
    const { background, authenticator } = await lockedWithPasskey();
    const [slot] = await slots(background);
    const prf = authenticator.prfOf(slot!.id, slot!.salt);
    await background.setPolicy({ allowPasskeyUnlock: false });
    await renderPopup(background, undefined, { passkeys: authenticator });
    expect(await screen.findByLabelText('Master password')).toBeTruthy();
    await vi.waitFor(() => expect(background.sentOf('passkey-list')).not.toEqual([]));
    expect(screen.queryByRole('button', { name: 'Unlock with a passkey' })).toBeNull();
    expect(await background.call({ type: 'vault-unlock-passkey', credentialId: slot!.id, prf })).toMatchObject({
      ok: false,
      code: 'passkeys-disabled',
    });
    expect(await background.state()).toBe('locked');
    fireEvent.input(screen.getByLabelText('Master password'), { target: { value: TEST_PASSWORD } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByText('alice')).toBeTruthy();
    cleanup();
    await renderOptions(background, authenticator);
    expect(await screen.findByRole('region', { name: 'Master password and vault' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Unlock with a passkey' })).toBeNull();
    // Allowed again, the old passkey does not come back: its slot was removed.
    await background.setPolicy({});
    await background.lock();
    expect(await background.call({ type: 'vault-unlock-passkey', credentialId: slot!.id, prf })).toMatchObject({
      ok: false,
      code: 'passkey-refused',
    });
  });
});

async function slots(background: RealBackground) {
  const reply = await background.call({ type: 'passkey-list' });
  if (!reply.ok) throw new Error(reply.message);
  return reply.passkeys;
}

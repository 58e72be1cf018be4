// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { AccountDetails } from '@/components/popup/AccountDetails';
import type { AccountSummary } from '@/lib/protocol';
import { type RealBackground, realBackground } from './real-background';
import { loadEnglish } from './setup';

const KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PORTAL = 'https://company.bitrix24.com';
const CODES = ['jvz3-3vz9', '80mq-t5pa', 'd3vg-u6z2', 'paqs-83gs', 'llfl-4ms8'];

beforeEach(() => loadEnglish());
afterEach(cleanup);

/** A background whose vault holds one account, and that account as the popup's list got it. */
async function oneAccount(uri: string, origins: string[] = []) {
  const background = await realBackground();
  const [id] = await background.withAccounts({ uri, origins });
  const summary = (await background.summaries()).find((a) => a.id === id)!;
  return { background, id: id!, summary };
}

/** The stored account (secrets included) with this id, as the vault holds it now. */
async function stored(background: RealBackground, id: string) {
  return (await background.accounts()).find((a) => a.id === id);
}

/** The details screen for `summary` over `background`, re-rendered with each change as the popup does. */
function renderDetailsFrom(background: RealBackground, summary: AccountSummary, activeOrigin: string | null = null) {
  const onDeleted = vi.fn();
  const onBack = vi.fn();
  function Harness() {
    const [account, setAccount] = useState<AccountSummary>(summary);
    return (
      <AccountDetails
        send={background.send}
        account={account}
        activeOrigin={activeOrigin}
        onChanged={setAccount}
        onDeleted={onDeleted}
        onBack={onBack}
      />
    );
  }
  render(<Harness />);
  const section = (name: string) =>
    screen.getByRole(name === 'Name' || name === 'Counter' ? 'form' : 'region', { name });
  return { onDeleted, onBack, section };
}

/** The details screen of a vault holding only the account `uri`. */
async function renderDetails(uri: string, origins: string[] = [], activeOrigin: string | null = null) {
  const { background, id, summary } = await oneAccount(uri, origins);
  return { background, id, ...renderDetailsFrom(background, summary, activeOrigin) };
}

describe('account details', () => {
  it('renames the account', async () => {
    const { background, section, id } = await renderDetails(`otpauth://totp/Acme:alice?secret=${KEY}`);
    const names = section('Name');
    fireEvent.input(within(names).getByLabelText('Login'), { target: { value: 'alice.smith' } });
    fireEvent.input(within(names).getByLabelText('Name in the list (optional)'), { target: { value: 'Acme Corp' } });
    fireEvent.click(within(names).getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('heading', { name: 'Acme Corp — alice.smith' })).toBeTruthy();
    expect(await stored(background, id)).toMatchObject({ label: 'alice.smith', issuer: 'Acme Corp' });
  });

  it('refuses an empty login next to the field', async () => {
    const { section } = await renderDetails(`otpauth://totp/alice?secret=${KEY}`);
    const names = section('Name');
    fireEvent.input(within(names).getByLabelText('Login'), { target: { value: '   ' } });
    fireEvent.click(within(names).getByRole('button', { name: 'Save' }));
    expect(await within(names).findByText('Enter the login.')).toBeTruthy();
  });

  it('binds and unbinds portals, offering the active tab’s with one click', async () => {
    const { background, section, id } = await renderDetails(`otpauth://totp/Acme:alice?secret=${KEY}`, [], PORTAL);
    const portals = section('Bound portals');
    expect(within(portals).getByText(/never filled/)).toBeTruthy();
    fireEvent.click(within(portals).getByRole('button', { name: 'Bind to company.bitrix24.com' }));
    expect(await within(portals).findByText(PORTAL)).toBeTruthy();
    expect((await stored(background, id))!.origins).toEqual([PORTAL]);

    fireEvent.input(within(portals).getByLabelText('Another portal'), { target: { value: 'second.bitrix24.de' } });
    fireEvent.click(within(portals).getByRole('button', { name: 'Bind' }));
    expect(await within(portals).findByText('https://second.bitrix24.de')).toBeTruthy();

    fireEvent.click(within(portals).getByRole('button', { name: `Remove — ${PORTAL}` }));
    await vi.waitFor(async () =>
      expect((await stored(background, id))!.origins).toEqual(['https://second.bitrix24.de']),
    );

    fireEvent.input(within(portals).getByLabelText('Another portal'), { target: { value: 'https://x.example/path' } });
    fireEvent.click(within(portals).getByRole('button', { name: 'Bind' }));
    expect(await within(portals).findByText(/without a path/)).toBeTruthy();
  });

  it('HOTP: shows the counter and resynchronises it', async () => {
    const { background, section, id } = await renderDetails(`otpauth://hotp/Acme:bob?secret=${KEY}&counter=7`);
    const counter = section('Counter');
    expect(within(counter).getByText('The next code uses counter 7.')).toBeTruthy();
    fireEvent.input(within(counter).getByLabelText('Set the counter to'), { target: { value: '20' } });
    fireEvent.click(within(counter).getByRole('button', { name: 'Resynchronise' }));
    expect(await within(counter).findByText('The next code now uses counter 20.')).toBeTruthy();
    expect(within(counter).getByText('The next code uses counter 20.')).toBeTruthy();
    expect((await stored(background, id))!.counter).toBe(20);
    fireEvent.input(within(counter).getByLabelText('Set the counter to'), { target: { value: 'x' } });
    fireEvent.click(within(counter).getByRole('button', { name: 'Resynchronise' }));
    expect(await within(counter).findByText('The counter is a whole number, 0 or more.')).toBeTruthy();
  });

  it('TOTP accounts have no counter section', async () => {
    await renderDetails(`otpauth://totp/Acme:alice?secret=${KEY}`);
    expect(screen.queryByRole('form', { name: 'Counter' })).toBeNull();
  });

  it('recovery codes: paste them, and see how many were saved and remain', async () => {
    const { section } = await renderDetails(`otpauth://totp/Acme:alice?secret=${KEY}`);
    const recovery = section('Recovery codes');
    expect(await within(recovery).findByText('No recovery codes saved.')).toBeTruthy();
    const pasted = `${CODES.map((c, i) => `${i + 1}. ${c}`).join('\n')}\nhello`;
    fireEvent.input(within(recovery).getByLabelText('Paste recovery codes'), { target: { value: pasted } });
    fireEvent.click(within(recovery).getByRole('button', { name: 'Save codes' }));
    expect(await within(recovery).findByText('Recovery codes saved: 5.')).toBeTruthy();
    expect(await within(recovery).findByText('Unused: 5 of 5.')).toBeTruthy();
    expect(within(recovery).getByRole('list', { name: 'Not recognised as recovery codes' }).textContent).toContain(
      'hello',
    );
  });

  it('recovery codes: the list shows used and unused, a used one can be marked unused, and replacing needs consent', async () => {
    const { background, id, summary } = await oneAccount(`otpauth://totp/Acme:alice?secret=${KEY}`);
    // Three of the five were handed out (filled into the portal) already.
    await background.withRecoveryCodes(id, CODES, 3);
    const { section } = renderDetailsFrom(background, summary);
    const list = section('Recovery codes');
    expect(await within(list).findByText('Unused: 2 of 5.')).toBeTruthy();
    expect(within(list).getByText(/Few codes left/)).toBeTruthy();
    expect(within(list).getAllByText('used')).toHaveLength(3);
    expect(within(list).getAllByText('unused')).toHaveLength(2);
    fireEvent.click(within(list).getByRole('button', { name: `Mark unused — ${CODES[0]}` }));
    expect(await within(list).findByText('Unused: 3 of 5.')).toBeTruthy();
    expect(within(list).getByText(`${CODES[0]} is unused again.`)).toBeTruthy();

    fireEvent.input(within(list).getByLabelText('Paste recovery codes'), { target: { value: 'zzzz-yyyy' } });
    fireEvent.click(within(list).getByRole('button', { name: 'Save codes' }));
    expect(await within(list).findByText(/already has recovery codes/)).toBeTruthy();
    fireEvent.click(within(list).getByLabelText('Replace the saved codes'));
    fireEvent.click(within(list).getByRole('button', { name: 'Save codes' }));
    expect(await within(list).findByText('Unused: 1 of 1.')).toBeTruthy();
  });

  it('recovery codes from a file', async () => {
    const { section } = await renderDetails(`otpauth://totp/Acme:alice?secret=${KEY}`);
    const recovery = section('Recovery codes');
    const file = new File([CODES.join('\r\n')], 'recovery_codes.txt', { type: 'text/plain' });
    fireEvent.change(within(recovery).getByLabelText('Or choose recovery_codes.txt'), { target: { files: [file] } });
    await vi.waitFor(() =>
      expect((within(recovery).getByLabelText('Paste recovery codes') as HTMLTextAreaElement).value).toContain(
        CODES[0],
      ),
    );
    fireEvent.click(within(recovery).getByRole('button', { name: 'Save codes' }));
    expect(await within(recovery).findByText('Unused: 5 of 5.')).toBeTruthy();
  });

  it('deleting asks first, and Cancel keeps the account', async () => {
    const { background, onDeleted } = await renderDetails(`otpauth://totp/Acme:alice?secret=${KEY}`);
    fireEvent.click(screen.getByRole('button', { name: 'Delete account…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await background.accounts()).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Delete account…' }));
    expect(screen.getByText(/Delete Acme — alice and its recovery codes\?/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Delete for good' }));
    await vi.waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(await background.accounts()).toHaveLength(0);
  });

  it('Back and Escape return to the list', async () => {
    const { onBack } = await renderDetails(`otpauth://totp/Acme:alice?secret=${KEY}`);
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    fireEvent.keyDown(screen.getByLabelText('Login'), { key: 'Escape' });
    expect(onBack).toHaveBeenCalledTimes(2);
  });
});

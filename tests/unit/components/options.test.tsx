// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { loadOptionsState } from '@/components/options/load-state';
import { OptionsApp } from '@/components/options/OptionsApp';
import type { OptionsPlatform } from '@/components/options/options-platform';
import { FakeBackground } from './fake-background';
import { loadEnglish } from './setup';

const KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

beforeEach(() => loadEnglish());
afterEach(cleanup);

async function renderOptions(background: FakeBackground) {
  const granted = new Set(['https://intranet.example.org']);
  const platform: OptionsPlatform = {
    send: background.send,
    portals: {
      list: vi.fn(async () => [...granted]),
      grant: vi.fn(async (origin: string) => {
        granted.add(origin);
        return true;
      }),
      revoke: vi.fn(async (origin: string) => granted.delete(origin)),
    },
    download: vi.fn(),
    reload: vi.fn(),
  };
  render(<OptionsApp platform={platform} initial={await loadOptionsState(background.send)} />);
  return { platform, granted };
}

const region = (name: string) => screen.getByRole('region', { name });

describe('settings', () => {
  it('saves each setting as it changes', async () => {
    const background = new FakeBackground().withAccounts();
    await renderOptions(background);
    const settings = region('Preferences');
    fireEvent.click(within(settings).getByLabelText('Also lock when the computer is idle'));
    await vi.waitFor(() => expect(background.settings.lockOnIdle).toBe(true));
    fireEvent.change(within(settings).getByLabelText('Fill codes'), { target: { value: 'load' } });
    await vi.waitFor(() => expect(background.settings.autofillMode).toBe('load'));
    fireEvent.click(within(settings).getByLabelText('Submit the sign-in form after filling'));
    fireEvent.click(within(settings).getByLabelText('Correct for a wrong computer clock'));
    const lockAfter = within(settings).getByLabelText('Lock after (minutes)');
    fireEvent.input(lockAfter, { target: { value: '5' } });
    fireEvent.change(lockAfter);
    const clear = within(settings).getByLabelText('Clear a copied code after (seconds)');
    fireEvent.input(clear, { target: { value: '0' } });
    fireEvent.change(clear);
    await vi.waitFor(() =>
      expect(background.settings).toMatchObject({
        autoLockMinutes: 5,
        clipboardClearSeconds: 0,
        autoSubmit: true,
        clockDriftCorrection: false,
      }),
    );
    expect((await within(settings).findAllByText('Saved.')).length).toBeGreaterThan(0);
  });

  it('refuses numbers out of range next to the field, without saving', async () => {
    const background = new FakeBackground().withAccounts();
    await renderOptions(background);
    const field = screen.getByLabelText('Lock after (minutes)');
    fireEvent.input(field, { target: { value: '0' } });
    fireEvent.change(field);
    expect(await screen.findByText('Enter a whole number from 1 to 1440.')).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(background.sentOf('settings-set')).toHaveLength(0);
  });

  it('changing the language saves it and reloads the page to speak it', async () => {
    const background = new FakeBackground().withAccounts();
    const { platform } = await renderOptions(background);
    const select = screen.getByLabelText('Language') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'As the browser',
      'English',
      'Русский',
      'Deutsch',
      'Español',
      'Português (Brasil)',
      'Polski',
      'Українська',
      'Français',
      'Italiano',
      'Türkçe',
    ]);
    fireEvent.change(select, { target: { value: 'de' } });
    await vi.waitFor(() => expect(platform.reload).toHaveBeenCalled());
    expect(background.settings.language).toBe('de');
  });

  it('the organization’s longest auto-lock time bounds the field, and the vault section follows a saved time', async () => {
    const background = new FakeBackground().withAccounts();
    background.policy = { ...background.policy, managed: true, autoLockMaxMinutes: 30 };
    await renderOptions(background);
    const field = screen.getByLabelText('Lock after (minutes)');
    fireEvent.input(field, { target: { value: '45' } });
    fireEvent.change(field);
    expect(await screen.findByText('Enter a whole number from 1 to 30.')).toBeTruthy();
    fireEvent.input(field, { target: { value: '20' } });
    fireEvent.change(field);
    expect(await screen.findByText('Locks automatically after 20 min without use.')).toBeTruthy();
  });

  it('settings fixed by the organization are locked and say so', async () => {
    const background = new FakeBackground().withAccounts();
    background.locked = ['autofillMode', 'autoLockMinutes'];
    await renderOptions(background);
    const autofill = screen.getByLabelText('Fill codes') as HTMLSelectElement;
    expect(autofill.disabled).toBe(true);
    const note = document.getElementById(
      autofill
        .getAttribute('aria-describedby')!
        .split(' ')
        .find((id) => id.endsWith('-locked'))!,
    );
    expect(note?.textContent).toBe('Set by your organization');
    expect((screen.getByLabelText('Lock after (minutes)') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByLabelText('Also lock when the computer is idle') as HTMLInputElement).disabled).toBe(false);
    expect(screen.getAllByText('Set by your organization')).toHaveLength(2);
  });
});

describe('self-hosted portals', () => {
  it('lists granted portals, grants a typed one and revokes', async () => {
    const { platform, granted } = await renderOptions(new FakeBackground().withAccounts());
    const portals = region('Self-hosted portals');
    expect(await within(portals).findByText('https://intranet.example.org')).toBeTruthy();
    fireEvent.input(within(portals).getByLabelText('Portal address'), { target: { value: 'portal.company.local' } });
    fireEvent.click(within(portals).getByRole('button', { name: 'Allow access' }));
    expect(await within(portals).findByText('https://portal.company.local')).toBeTruthy();
    expect(platform.portals.grant).toHaveBeenCalledWith('https://portal.company.local');
    fireEvent.click(within(portals).getByRole('button', { name: 'Revoke — https://intranet.example.org' }));
    expect(await within(portals).findByText('Access to https://intranet.example.org revoked.')).toBeTruthy();
    expect([...granted]).toEqual(['https://portal.company.local']);
  });

  it('says so when the user declines, and refuses an address with a path before asking', async () => {
    const { platform } = await renderOptions(new FakeBackground().withAccounts());
    const portals = region('Self-hosted portals');
    fireEvent.input(within(portals).getByLabelText('Portal address'), {
      target: { value: 'https://portal.example/path' },
    });
    fireEvent.click(within(portals).getByRole('button', { name: 'Allow access' }));
    expect(await within(portals).findByText(/without a path/)).toBeTruthy();
    expect(platform.portals.grant).not.toHaveBeenCalled();
    vi.mocked(platform.portals.grant).mockResolvedValueOnce(false);
    fireEvent.input(within(portals).getByLabelText('Portal address'), { target: { value: 'portal.example' } });
    fireEvent.click(within(portals).getByRole('button', { name: 'Allow access' }));
    expect(await within(portals).findByText('Access was not allowed.')).toBeTruthy();
  });
});

describe('the vault on the options page', () => {
  it('locked: import and export wait for the master password', async () => {
    const background = new FakeBackground().withAccounts();
    background.state = 'locked';
    await renderOptions(background);
    expect(screen.queryByRole('region', { name: 'Import' })).toBeNull();
    const unlock = screen.getByRole('form', { name: 'Unlock' });
    fireEvent.input(within(unlock).getByLabelText('Master password'), { target: { value: 'test password' } });
    fireEvent.click(within(unlock).getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('region', { name: 'Import' })).toBeTruthy();
    expect(region('Export')).toBeTruthy();
  });

  it('empty: offers to create the vault, and nothing to change or wipe', async () => {
    await renderOptions(new FakeBackground());
    expect(screen.getByRole('heading', { name: 'Create your master password' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Wipe the vault' })).toBeNull();
  });

  it('import: reports the format, imported, duplicates and rejected entries', async () => {
    const background = new FakeBackground().withAccounts();
    background.overrides['accounts-import'] = {
      ok: true,
      format: 'aegis',
      imported: 3,
      duplicates: 1,
      rejected: [{ entry: 'line 4', reason: 'bad', code: 'bad-secret' }],
    };
    await renderOptions(background);
    const panel = region('Import');
    const file = new File(['{"db":{}}'], 'aegis.json', { type: 'application/json' });
    fireEvent.change(within(panel).getByLabelText('File'), { target: { files: [file] } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Import' }));
    expect(await within(panel).findByText('Read as: Aegis')).toBeTruthy();
    expect(within(panel).getByText('Imported: 3')).toBeTruthy();
    expect(within(panel).getByText('Already in the vault, skipped: 1')).toBeTruthy();
    expect(within(panel).getByText('Not imported: 1')).toBeTruthy();
    expect(within(panel).getByRole('list', { name: 'Entries not imported' }).textContent).toMatch(
      /^line 4: This is not a valid key/,
    );
    const sent = background.sentOf('accounts-import')[0]!;
    expect(sent).toMatchObject({ fileName: 'aegis.json', password: undefined });
    expect(atob(sent.data)).toBe('{"db":{}}');
  });

  it('import: an encrypted file asks for its password next to the password field', async () => {
    const background = new FakeBackground().withAccounts();
    background.overrides['accounts-import'] = { ok: false, code: 'password-required', message: 'x' };
    await renderOptions(background);
    const panel = region('Import');
    fireEvent.click(within(panel).getByRole('button', { name: 'Import' }));
    expect(await within(panel).findByText('Choose a file first.')).toBeTruthy();
    fireEvent.change(within(panel).getByLabelText('File'), { target: { files: [new File(['x'], 'a.json')] } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Import' }));
    expect(await within(panel).findByText('This file is encrypted: enter its password.')).toBeTruthy();
    expect(within(panel).getByLabelText('File password').getAttribute('aria-invalid')).toBe('true');
  });

  it('export: downloads the file; Aegis may be encrypted; Google links are drawn as QR codes', async () => {
    const background = new FakeBackground().withAccounts();
    background.overrides['accounts-export'] = { ok: true, fileName: 'x-aegis.json', text: '{}', uris: [], skipped: [] };
    const { platform } = await renderOptions(background);
    const panel = region('Export');
    fireEvent.click(within(panel).getByLabelText('Aegis (JSON)'));
    fireEvent.input(within(panel).getByLabelText('Password for the Aegis file (optional)'), {
      target: { value: 'pw' },
    });
    fireEvent.click(within(panel).getByRole('button', { name: 'Export' }));
    expect(await within(panel).findByText('Saved as x-aegis.json.')).toBeTruthy();
    expect(platform.download).toHaveBeenCalledWith('x-aegis.json', '{}', 'application/json');
    expect(background.sentOf('accounts-export')[0]).toEqual({
      type: 'accounts-export',
      format: 'aegis',
      password: 'pw',
    });

    background.overrides['accounts-export'] = {
      ok: true,
      fileName: '',
      text: null,
      uris: ['otpauth-migration://offline?data=AAA', 'otpauth-migration://offline?data=BBB'],
      skipped: [
        { label: 'steam', reason: 'no', code: 'bad-type' },
        { label: 'odd', reason: 'English reason', code: 'something-new' },
      ],
    };
    fireEvent.click(within(panel).getByLabelText('Google Authenticator export links'));
    fireEvent.click(within(panel).getByRole('button', { name: 'Export' }));
    expect(((await within(panel).findByLabelText('Export links')) as HTMLTextAreaElement).value).toBe(
      'otpauth-migration://offline?data=AAA\notpauth-migration://offline?data=BBB',
    );
    const codes = within(within(panel).getByRole('list', { name: 'QR codes for Google Authenticator' })).getAllByRole(
      'img',
    );
    expect(codes.map((code) => code.getAttribute('aria-label'))).toEqual(['QR code 1 of 2', 'QR code 2 of 2']);
    expect(codes[0]!.querySelector('path')!.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    const skipped = within(panel).getByRole('list', { name: 'Accounts not exported' }).textContent;
    expect(skipped).toContain('steam: Google Authenticator cannot show Steam codes.');
    expect(skipped).toContain('odd: English reason');
    expect(platform.download).toHaveBeenCalledTimes(1);
  });

  it('backup: saved with a confirmed password; restoring needs consent', async () => {
    const background = new FakeBackground().withAccounts();
    background.overrides['backup-export'] = { ok: true, text: '{"backup":1}', fileName: 'b.json' };
    background.overrides['backup-import'] = { ok: true, accounts: 4, recoveryCodes: 1 };
    const { platform } = await renderOptions(background);
    const panel = region('Backup');
    const save = within(panel).getByRole('form', { name: 'Make a backup' });
    fireEvent.input(within(save).getByLabelText('Backup password'), { target: { value: 'one' } });
    fireEvent.input(within(save).getByLabelText('Repeat the password'), { target: { value: 'two' } });
    fireEvent.click(within(save).getByRole('button', { name: 'Save backup' }));
    expect(await within(save).findByText('The two passwords differ.')).toBeTruthy();
    fireEvent.input(within(save).getByLabelText('Repeat the password'), { target: { value: 'one' } });
    fireEvent.click(within(save).getByRole('button', { name: 'Save backup' }));
    await vi.waitFor(() =>
      expect(platform.download).toHaveBeenCalledWith('b.json', '{"backup":1}', 'application/json'),
    );

    const restore = within(panel).getByRole('form', { name: 'Restore a backup' });
    const button = within(restore).getByRole('button', { name: 'Restore' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.change(within(restore).getByLabelText('Backup file'), {
      target: { files: [new File(['{"backup":1}'], 'b.json')] },
    });
    fireEvent.input(within(restore).getByLabelText('Backup password'), { target: { value: 'one' } });
    fireEvent.click(within(restore).getByLabelText('I understand that the current accounts are replaced'));
    fireEvent.click(button);
    expect(await within(restore).findByText('Restored: 4 accounts, 1 sets of recovery codes.')).toBeTruthy();
    expect(background.sentOf('backup-import')[0]).toEqual({
      type: 'backup-import',
      text: '{"backup":1}',
      password: 'one',
    });
  });

  it('changes the master password after checking the current one', async () => {
    const background = new FakeBackground().withAccounts({ uri: `otpauth://totp/A:a?secret=${KEY}` });
    await renderOptions(background);
    const panel = region('Change the master password');
    fireEvent.input(within(panel).getByLabelText('Current master password'), { target: { value: 'wrong' } });
    fireEvent.input(within(panel).getByLabelText('New master password'), {
      target: { value: 'a much better passphrase' },
    });
    fireEvent.input(within(panel).getByLabelText('Repeat the password'), {
      target: { value: 'a much better passphrase' },
    });
    fireEvent.click(within(panel).getByRole('button', { name: 'Change password' }));
    expect(await within(panel).findByText('Wrong password. Nothing was changed.')).toBeTruthy();
    fireEvent.input(within(panel).getByLabelText('Current master password'), { target: { value: 'test password' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Change password' }));
    expect(await within(panel).findByText('The master password was changed.')).toBeTruthy();
    expect(background.password).toBe('a much better passphrase');
  });

  it('wipes only after the confirmation word is typed', async () => {
    const background = new FakeBackground().withAccounts({ uri: `otpauth://totp/A:a?secret=${KEY}` });
    await renderOptions(background);
    const panel = region('Wipe the vault');
    const button = within(panel).getByRole('button', { name: 'Wipe the vault' }) as HTMLButtonElement;
    const field = within(panel).getByLabelText('Type WIPE to confirm');
    fireEvent.input(field, { target: { value: 'wip' } });
    expect(button.disabled).toBe(true);
    fireEvent.input(field, { target: { value: 'wipe' } });
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    expect(await screen.findByRole('heading', { name: 'Create your master password' })).toBeTruthy();
    expect(background.state).toBe('empty');
  });
});

// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { loadOptionsState } from '@/components/options/load-state';
import { OptionsApp } from '@/components/options/OptionsApp';
import type { OptionsPlatform } from '@/components/options/options-platform';
import { exportAegisVault } from '@/lib/export';
import { FakeAuthenticator } from './fake-passkeys';
import { type RealBackground, realBackground, TEST_PASSWORD } from './real-background';
import { loadEnglish } from './setup';

const KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

beforeEach(() => loadEnglish());
afterEach(cleanup);

/** A background whose unlocked vault holds these accounts (none by default). */
async function unlocked(...entries: Parameters<RealBackground['withAccounts']>) {
  const background = await realBackground();
  await background.withAccounts(...entries);
  return background;
}

async function renderOptions(background: RealBackground, storage: 'persisted' | 'refused' = 'persisted') {
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
    // As the browser does: the file holds what it was given.
    download: vi.fn(async (_name: string, text: string) => text),
    keepStorage: vi.fn(async () => storage),
    passkeys: new FakeAuthenticator(),
    reload: vi.fn(),
  };
  render(<OptionsApp platform={platform} initial={await loadOptionsState(background.send)} />);
  return { platform, granted };
}

const region = (name: string) => screen.getByRole('region', { name });

describe('settings', () => {
  it('saves each setting as it changes', async () => {
    const background = await unlocked();
    await renderOptions(background);
    const settings = region('Preferences');
    fireEvent.click(within(settings).getByLabelText('Also lock when the computer is idle'));
    await vi.waitFor(async () => expect((await background.settings()).lockOnIdle).toBe(true));
    fireEvent.change(within(settings).getByLabelText('Fill codes'), { target: { value: 'load' } });
    await vi.waitFor(async () => expect((await background.settings()).autofillMode).toBe('load'));
    fireEvent.click(within(settings).getByLabelText('Submit the sign-in form after filling'));
    fireEvent.click(within(settings).getByLabelText('Correct for a wrong computer clock'));
    const lockAfter = within(settings).getByLabelText('Lock after (minutes)');
    fireEvent.input(lockAfter, { target: { value: '5' } });
    fireEvent.change(lockAfter);
    const clear = within(settings).getByLabelText('Clear a copied code after (seconds)');
    fireEvent.input(clear, { target: { value: '0' } });
    fireEvent.change(clear);
    await vi.waitFor(async () =>
      expect(await background.settings()).toMatchObject({
        autoLockMinutes: 5,
        clipboardClearSeconds: 0,
        autoSubmit: true,
        clockDriftCorrection: false,
      }),
    );
    expect((await within(settings).findAllByText('Saved.')).length).toBeGreaterThan(0);
  });

  it('refuses numbers out of range next to the field, without saving', async () => {
    const background = await unlocked();
    await renderOptions(background);
    const field = screen.getByLabelText('Lock after (minutes)');
    fireEvent.input(field, { target: { value: '0' } });
    fireEvent.change(field);
    expect(await screen.findByText('Enter a whole number from 1 to 1440.')).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(background.sentOf('settings-set')).toHaveLength(0);
  });

  it('changing the language saves it and reloads the page to speak it', async () => {
    const background = await unlocked();
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
    expect((await background.settings()).language).toBe('de');
  });

  it('the organization’s longest auto-lock time bounds the field, and the vault section follows a saved time', async () => {
    const background = await realBackground({ policy: { autoLockMinutes: 30 } });
    await background.withAccounts();
    await renderOptions(background);
    const field = screen.getByLabelText('Lock after (minutes)');
    fireEvent.input(field, { target: { value: '45' } });
    fireEvent.change(field);
    expect(await screen.findByText('Enter a whole number from 1 to 30.')).toBeTruthy();
    fireEvent.input(field, { target: { value: '20' } });
    fireEvent.change(field);
    expect(await screen.findByText('Locks automatically after 20 min without use.')).toBeTruthy();
    expect((await background.settings()).autoLockMinutes).toBe(20);
  });

  it('settings fixed by the organization are locked and say so', async () => {
    // An administrator's policy fixes these two (an auto-lock maximum bounds the field, it does not fix it).
    const background = await realBackground({ policy: { autofillMode: 'click', clipboardClearSeconds: 30 } });
    await background.withAccounts();
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
    expect((screen.getByLabelText('Clear a copied code after (seconds)') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByLabelText('Lock after (minutes)') as HTMLInputElement).disabled).toBe(false);
    expect((screen.getByLabelText('Also lock when the computer is idle') as HTMLInputElement).disabled).toBe(false);
    expect(screen.getAllByText('Set by your organization')).toHaveLength(2);
  });
});

describe('self-hosted portals', () => {
  it('lists granted portals, grants a typed one and revokes', async () => {
    const { platform, granted } = await renderOptions(await unlocked());
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
    const { platform } = await renderOptions(await unlocked());
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
    const background = await unlocked();
    await background.lock();
    await renderOptions(background);
    expect(screen.queryByRole('region', { name: 'Import' })).toBeNull();
    const unlock = screen.getByRole('form', { name: 'Unlock' });
    fireEvent.input(within(unlock).getByLabelText('Master password'), { target: { value: TEST_PASSWORD } });
    fireEvent.click(within(unlock).getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('region', { name: 'Import' })).toBeTruthy();
    expect(region('Export')).toBeTruthy();
  });

  it('empty: offers to create the vault, and nothing to change or wipe', async () => {
    await renderOptions(await realBackground());
    expect(screen.getByRole('heading', { name: 'Create your master password' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Wipe the vault' })).toBeNull();
  });

  it('import: reports the format, imported, duplicates and rejected entries', async () => {
    const background = await unlocked({ uri: `otpauth://totp/A:a?secret=${KEY}` });
    // An Aegis export: three new accounts, the vault's own account again, and an entry with a broken key.
    const entry = (type: string, issuer: string, name: string, secret: string) => ({
      type,
      uuid: crypto.randomUUID(),
      name,
      issuer,
      info: { secret, algo: 'SHA1', digits: 6, period: 30, counter: 0 },
    });
    const aegisFile = JSON.stringify({
      version: 1,
      header: { slots: null, params: null },
      db: {
        version: 2,
        entries: [
          entry('totp', 'B', 'b', 'GEZDGNBVGY3TQOJQ'),
          entry('totp', 'C', 'c', 'KRUGS4ZANFZSAYJA'),
          entry('totp', 'A', 'a', KEY),
          entry('totp', '', '', '1111 1111'),
          entry('hotp', 'D', 'd', 'MFRGGZDFMZTWQ2LK'),
        ],
      },
    });
    await renderOptions(background);
    const panel = region('Import');
    const file = new File([aegisFile], 'aegis.json', { type: 'application/json' });
    fireEvent.change(within(panel).getByLabelText('File'), { target: { files: [file] } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Import' }));
    expect(await within(panel).findByText('Read as: Aegis')).toBeTruthy();
    expect(within(panel).getByText('Imported: 3')).toBeTruthy();
    expect(within(panel).getByText('Already in the vault, skipped: 1')).toBeTruthy();
    expect(within(panel).getByText('Not imported: 1')).toBeTruthy();
    expect(within(panel).getByRole('list', { name: 'Entries not imported' }).textContent).toMatch(
      /^entry 4: This is not a valid key/,
    );
    const sent = background.sentOf('accounts-import')[0]!;
    expect(sent).toMatchObject({ fileName: 'aegis.json', password: undefined });
    expect(new TextDecoder().decode(Uint8Array.from(atob(sent.data), (c) => c.charCodeAt(0)))).toBe(aegisFile);
    expect((await background.accounts()).map((a) => a.issuer).sort()).toEqual(['A', 'B', 'C', 'D']);
  });

  it('import: an encrypted file asks for its password next to the password field', async () => {
    const background = await unlocked();
    // A real password-protected Aegis export (scrypt cheapened: only the header is read here).
    const encrypted = await exportAegisVault([], { password: 'aegis password', scrypt: { N: 16, r: 8, p: 1 } });
    await renderOptions(background);
    const panel = region('Import');
    fireEvent.click(within(panel).getByRole('button', { name: 'Import' }));
    expect(await within(panel).findByText('Choose a file first.')).toBeTruthy();
    fireEvent.change(within(panel).getByLabelText('File'), { target: { files: [new File([encrypted], 'a.json')] } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Import' }));
    expect(await within(panel).findByText('This file is encrypted: enter its password.')).toBeTruthy();
    expect(within(panel).getByLabelText('File password').getAttribute('aria-invalid')).toBe('true');
    expect(background.sentOf('accounts-import')).toHaveLength(1);
  });

  it('export: downloads the file; Aegis may be encrypted; Google links are drawn as QR codes', async () => {
    // Enough accounts for two Google Authenticator links, a Steam account Google cannot take, and
    // an account of recovery codes only, which has no key to export.
    const background = await unlocked(
      ...Array.from({ length: 14 }, (_, i) => ({
        uri: `otpauth://totp/Company%20portal%20${i}:employee.number.${i}%40company.example?secret=${KEY}`,
      })),
      { uri: `otpauth://totp/Steam:steam?secret=${KEY}&encoder=steam` },
    );
    const recoveryOnly = await background.call({
      type: 'account-add-recovery',
      label: 'odd',
      origins: ['https://company.bitrix24.com'],
      codes: 'jvz3-3vz9\n80mq-t5pa',
    });
    expect(recoveryOnly.ok).toBe(true);
    const { platform } = await renderOptions(background);
    const panel = region('Export');
    fireEvent.click(within(panel).getByLabelText('Aegis (JSON)'));
    fireEvent.input(within(panel).getByLabelText('Password for the Aegis file (optional)'), {
      target: { value: 'pw' },
    });
    fireEvent.click(within(panel).getByRole('button', { name: 'Export' }));
    expect(await within(panel).findByText('Saved as bitrix24-authenticator-aegis.json.')).toBeTruthy();
    expect(platform.download).toHaveBeenCalledWith(
      'bitrix24-authenticator-aegis.json',
      expect.any(String),
      'application/json',
    );
    // Encrypted: a password slot, and the accounts only as ciphertext.
    const aegis = JSON.parse(vi.mocked(platform.download).mock.calls[0]![1]) as {
      header: { slots: { type: number }[] };
      db: unknown;
    };
    expect(aegis.header.slots.map((slot) => slot.type)).toEqual([1]);
    expect(typeof aegis.db).toBe('string');
    expect(background.sentOf('accounts-export')[0]).toEqual({
      type: 'accounts-export',
      format: 'aegis',
      password: 'pw',
    });

    fireEvent.click(within(panel).getByLabelText('Google Authenticator export links'));
    fireEvent.click(within(panel).getByRole('button', { name: 'Export' }));
    const links = ((await within(panel).findByLabelText('Export links')) as HTMLTextAreaElement).value.split('\n');
    expect(links).toHaveLength(2);
    for (const link of links) expect(link).toMatch(/^otpauth-migration:\/\/offline\?data=/);
    const codes = within(within(panel).getByRole('list', { name: 'QR codes for Google Authenticator' })).getAllByRole(
      'img',
    );
    expect(codes.map((code) => code.getAttribute('aria-label'))).toEqual(['QR code 1 of 2', 'QR code 2 of 2']);
    expect(codes[0]!.querySelector('path')!.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    const skipped = within(panel).getByRole('list', { name: 'Accounts not exported' }).textContent;
    expect(skipped).toContain('steam: Google Authenticator cannot show Steam codes.');
    expect(skipped).toContain('odd: This account keeps only recovery codes; it has no one-time codes.');
    expect(platform.download).toHaveBeenCalledTimes(1);
  });

  it('backup: saved with a confirmed password; restoring needs consent', async () => {
    const background = await unlocked(
      ...['a', 'b', 'c', 'd'].map((name) => ({ uri: `otpauth://totp/${name.toUpperCase()}:${name}?secret=${KEY}` })),
    );
    const [first] = await background.accounts();
    await background.withRecoveryCodes(first!.id, ['jvz3-3vz9', '80mq-t5pa']);
    const { platform } = await renderOptions(background);
    const panel = region('Backup');
    const save = within(panel).getByRole('form', { name: 'Make a backup' });
    fireEvent.input(within(save).getByLabelText('Backup password'), { target: { value: 'one' } });
    fireEvent.input(within(save).getByLabelText('Repeat the password'), { target: { value: 'two' } });
    fireEvent.click(within(save).getByRole('button', { name: 'Save backup' }));
    expect(await within(save).findByText('The two passwords differ.')).toBeTruthy();
    expect(background.sentOf('backup-export')).toHaveLength(0);
    fireEvent.input(within(save).getByLabelText('Repeat the password'), { target: { value: 'one' } });
    fireEvent.click(within(save).getByRole('button', { name: 'Save backup' }));
    await vi.waitFor(() =>
      expect(platform.download).toHaveBeenCalledWith(
        expect.stringMatching(/^bitrix24-authenticator-backup-\d{4}-\d{2}-\d{2}\.json$/),
        expect.any(String),
        'application/json',
      ),
    );
    const backup = vi.mocked(platform.download).mock.calls[0]![1];

    const restore = within(panel).getByRole('form', { name: 'Restore a backup' });
    const button = within(restore).getByRole('button', { name: 'Restore' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.change(within(restore).getByLabelText('Backup file'), {
      target: { files: [new File([backup], 'b.json')] },
    });
    fireEvent.input(within(restore).getByLabelText('Backup password'), { target: { value: 'one' } });
    fireEvent.click(within(restore).getByLabelText('I understand that the current accounts are replaced'));
    fireEvent.click(button);
    expect(await within(restore).findByText('Restored: 4 accounts, 1 sets of recovery codes.')).toBeTruthy();
    expect(background.sentOf('backup-import')[0]).toEqual({
      type: 'backup-import',
      text: backup,
      password: 'one',
    });
    expect((await background.accounts()).map((a) => a.label).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('changes the master password after checking the current one', async () => {
    const background = await unlocked({ uri: `otpauth://totp/A:a?secret=${KEY}` });
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
    fireEvent.input(within(panel).getByLabelText('Current master password'), { target: { value: TEST_PASSWORD } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Change password' }));
    expect(await within(panel).findByText('The master password was changed.')).toBeTruthy();
    expect(await background.opensWith('a much better passphrase')).toBe(true);
    expect(await background.opensWith(TEST_PASSWORD)).toBe(false);
  });

  it('wipes only after the confirmation word is typed', async () => {
    const background = await unlocked({ uri: `otpauth://totp/A:a?secret=${KEY}` });
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
    expect(await background.state()).toBe('empty');
  });
});

describe('a backup is checked once saved', () => {
  const accounts = ['a', 'b'].map((name) => ({ uri: `otpauth://totp/${name.toUpperCase()}:${name}?secret=${KEY}` }));

  async function saveBackup(platform: OptionsPlatform, password = 'backup pw') {
    const save = within(region('Backup')).getByRole('form', { name: 'Make a backup' });
    fireEvent.input(within(save).getByLabelText('Backup password'), { target: { value: password } });
    fireEvent.input(within(save).getByLabelText('Repeat the password'), { target: { value: password } });
    fireEvent.click(within(save).getByRole('button', { name: 'Save backup' }));
    await vi.waitFor(() => expect(platform.download).toHaveBeenCalled());
    return save;
  }

  it('reads the saved file back: it opens and holds every account; the panel then names the backup', async () => {
    const background = await unlocked(...accounts);
    const { platform } = await renderOptions(background);
    expect(
      await within(region('Backup')).findByText('No backup of this vault has been made in this browser yet.'),
    ).toBeTruthy();
    expect(
      within(region('Backup')).getByText("The browser keeps the vault's storage even when disk space runs low."),
    ).toBeTruthy();
    const save = await saveBackup(platform);
    expect(
      await within(save).findByText(
        /^bitrix24-authenticator-backup-.*\.json went to the browser’s downloads, checked: it opens with its password and holds 2 accounts and 0 sets/,
      ),
    ).toBeTruthy();
    expect(
      await within(region('Backup')).findByText(/^Last checked backup: .*, with 2 accounts and 0 sets/),
    ).toBeTruthy();
    expect(background.sentOf('backup-verify')[0]!.text).toBe(vi.mocked(platform.download).mock.calls[0]![1]);
  });

  it('a file that was not saved whole is found out, and does not count as a backup', async () => {
    const background = await unlocked(...accounts);
    const { platform } = await renderOptions(background);
    // What the browser wrote is cut short (a full disk, a crash while writing).
    vi.mocked(platform.download).mockImplementation(async (_name, text) => text.slice(0, -40));
    const save = await saveBackup(platform);
    expect(
      await within(save).findByText(
        'The saved backup file does not open with its password or does not hold what was written. Do not rely on it: save another one.',
      ),
    ).toBeTruthy();
    expect(
      within(region('Backup')).getByText('No backup of this vault has been made in this browser yet.'),
    ).toBeTruthy();
    expect(await background.call({ type: 'backup-status' })).toMatchObject({ ok: true, record: null });
  });

  it('says when the browser may clear the vault', async () => {
    const background = await unlocked(...accounts);
    const { platform } = await renderOptions(background, 'refused');
    expect(platform.keepStorage).toHaveBeenCalled();
    expect(
      await within(region('Backup')).findByText(
        "The browser may clear the vault's storage when disk space runs low. Keep a backup.",
      ),
    ).toBeTruthy();
  });
});

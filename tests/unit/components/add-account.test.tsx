// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { AddAccount } from '@/components/popup/AddAccount';
import { typedKeyUri, EMPTY_TYPED_KEY } from '@/components/popup/typed-key';
import { portalOrigin } from '@/components/shared/portal-origin';
import { parseOtpauthUri } from '@/lib/otp';
import type { ScanFinding } from '@/lib/qr/finding';
import { type RealBackground, realBackground } from './real-background';
import { loadEnglish } from './setup';

beforeEach(() => loadEnglish());
afterEach(cleanup);

/** An unlocked vault with no accounts yet. */
async function emptyVault(): Promise<RealBackground> {
  const background = await realBackground();
  await background.withAccounts();
  return background;
}

async function renderAdd(
  background?: RealBackground,
  suggestedPortal: string | null = null,
  options: { scanTabId?: number | null; findings?: ScanFinding[]; manualEntryDisabled?: boolean } = {},
) {
  background ??= await emptyVault();
  const onAdded = vi.fn();
  const onCancel = vi.fn();
  const readQrImage = vi.fn(async () => options.findings ?? []);
  render(
    <AddAccount
      send={background.send}
      suggestedPortal={suggestedPortal}
      scanTabId={options.scanTabId ?? null}
      readQrImage={readQrImage}
      manualEntryDisabled={options.manualEntryDisabled}
      onAdded={onAdded}
      onCancel={onCancel}
    />,
  );
  const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
  const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Add' }));
  return { background, onAdded, onCancel, type, submit, readQrImage };
}

/** The validation message tied to a field through aria-describedby, as a screen reader reads it. */
function errorOf(label: string): string | null {
  const field = screen.getByLabelText(label);
  const ids = field.getAttribute('aria-describedby')?.split(' ') ?? [];
  const error = ids.map((id) => document.getElementById(id)).find((e) => e?.classList.contains('error'));
  return field.getAttribute('aria-invalid') === 'true' ? (error?.textContent ?? null) : null;
}

describe('Add account by typed key', () => {
  it('accepts the key in spaced lower-case groups, as Bitrix24 shows it, bound to the portal typed', async () => {
    const { background, onAdded, type, submit } = await renderAdd();
    type('Secret key', 'jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp');
    type('Login', 'alice@example.com');
    type('Portal address', 'Company.Bitrix24.com/');
    submit();
    await vi.waitFor(() => expect(onAdded).toHaveBeenCalled());
    const accounts = await background.accounts();
    expect(onAdded).toHaveBeenCalledWith(accounts[0]!.id);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({
      secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      label: 'alice@example.com',
      issuer: 'company.bitrix24.com',
      origins: ['https://company.bitrix24.com'],
      type: 'totp',
      digits: 6,
      period: 30,
    });
  });

  it('shows the background’s complaint next to the field it is about', async () => {
    const { type, submit, onAdded } = await renderAdd();
    type('Secret key', 'JBSW Y3DP EHPK 3PX1');
    submit();
    expect(await screen.findByText(/not a valid key/)).toBeTruthy();
    expect(errorOf('Secret key')).toMatch(/never 0, 1, 8 or 9/);
    expect(errorOf('Login')).toBeNull();

    type('Secret key', 'JBSWY3DP');
    submit();
    await vi.waitFor(() => expect(errorOf('Secret key')).toMatch(/too short/));

    type('Secret key', 'JBSWY3DPEHPK3PXP');
    type('Portal address', 'https://company.bitrix24.com/stream/');
    submit();
    await vi.waitFor(() => expect(errorOf('Portal address')).toMatch(/without a path/));
    expect(errorOf('Secret key')).toBeNull();
    expect(onAdded).not.toHaveBeenCalled();
  });

  it('asks for the key before asking the background', async () => {
    const { background, submit } = await renderAdd();
    submit();
    expect(errorOf('Secret key')).toBe('Enter the secret key.');
    expect(background.sentOf('account-add')).toHaveLength(0);
  });

  it('a typing fix clears the message of that field', async () => {
    const { type, submit } = await renderAdd();
    type('Secret key', '1111 1111');
    submit();
    await vi.waitFor(() => expect(errorOf('Secret key')).not.toBeNull());
    type('Secret key', 'JBSWY3DPEHPK3PXP');
    expect(errorOf('Secret key')).toBeNull();
  });

  it('counter-based accounts take their starting counter, shown under Advanced with its error', async () => {
    const { background, type, submit, onAdded } = await renderAdd();
    type('Secret key', 'JBSWY3DPEHPK3PXP');
    type('Login', 'bob');
    fireEvent.click(screen.getByLabelText('Counter-based (HOTP)'));
    type('Counter', '-3');
    submit();
    await vi.waitFor(() => expect(errorOf('Counter')).toMatch(/whole number/));
    expect((screen.getByText('Advanced').closest('details') as HTMLDetailsElement).open).toBe(true);
    type('Counter', '42');
    submit();
    await vi.waitFor(() => expect(onAdded).toHaveBeenCalled());
    expect(await background.accounts()).toMatchObject([{ type: 'hotp', counter: 42, label: 'bob' }]);
  });

  it('prefills the active tab’s portal, and Cancel goes back', async () => {
    const { onCancel } = await renderAdd(undefined, 'https://company.bitrix24.com');
    expect((screen.getByLabelText('Portal address') as HTMLInputElement).value).toBe('https://company.bitrix24.com');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalled();
  });
});

describe('Add account from a QR code', () => {
  const TOTP_URI = 'otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme';

  it('scans the page under the popup and adds what it found, bound to the portal field', async () => {
    const background = await emptyVault();
    // The page shows the account's QR code, and one that is no authenticator key.
    const tabId = await background.withPage('https://company.bitrix24.com/company/personal/user/1/security/', [], {
      qrCodes: [TOTP_URI, 'https://example.com/not-a-key'],
    });
    const { onAdded } = await renderAdd(background, 'https://company.bitrix24.com', { scanTabId: tabId });
    fireEvent.click(screen.getByRole('button', { name: 'Scan this page' }));
    const found = await screen.findByRole('list', { name: 'QR codes found' });
    expect(background.sentOf('scan-tab')).toEqual([{ type: 'scan-tab', tabId }]);
    expect(within(found).getByText('This QR code holds no authenticator key.')).toBeTruthy();
    fireEvent.click(within(found).getByRole('button', { name: 'Add — Acme — alice' }));
    await vi.waitFor(() => expect(onAdded).toHaveBeenCalled());
    const [added] = await background.accounts();
    expect(onAdded).toHaveBeenCalledWith(added!.id);
    expect(added).toMatchObject({ issuer: 'Acme', label: 'alice', origins: ['https://company.bitrix24.com'] });
    // The link as the background read it from the QR code, every parameter spelled out.
    expect(background.sentOf('account-add')[0]).toEqual({
      type: 'account-add',
      uri: `${TOTP_URI}&algorithm=SHA1&digits=6&period=30`,
      origins: ['https://company.bitrix24.com'],
    });
  });

  it('offers no page scan where there is no page under the popup', async () => {
    await renderAdd(undefined, null, { scanTabId: null });
    expect(screen.queryByRole('button', { name: 'Scan this page' })).toBeNull();
    expect(screen.getByLabelText('From an image…')).toBeTruthy();
  });

  it('reads a chosen picture; a Google export adds all its accounts', async () => {
    const uris = ['otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP', 'otpauth://totp/B:b?secret=GEZDGNBVGY3TQOJQ'];
    const background = await emptyVault();
    const { readQrImage, onAdded } = await renderAdd(background, null, { findings: [{ kind: 'accounts', uris }] });
    const picture = new File(['png'], 'qr.png', { type: 'image/png' });
    fireEvent.change(screen.getByLabelText('From an image…'), { target: { files: [picture] } });
    expect(await screen.findByText('A Google Authenticator export with 2 accounts')).toBeTruthy();
    expect(readQrImage).toHaveBeenCalledWith(picture);
    fireEvent.click(screen.getByRole('button', { name: 'Add all' }));
    await vi.waitFor(() => expect(onAdded).toHaveBeenCalled());
    expect((await background.accounts()).map((a) => a.label).sort()).toEqual(['a', 'b']);
  });

  it('says when a picture holds no QR code, or cannot be read', async () => {
    const { readQrImage } = await renderAdd();
    fireEvent.change(screen.getByLabelText('From an image…'), { target: { files: [new File(['x'], 'a.png')] } });
    expect(await screen.findByText('No QR code found.')).toBeTruthy();
    readQrImage.mockRejectedValueOnce(new Error('not an image'));
    fireEvent.change(screen.getByLabelText('From an image…'), { target: { files: [new File(['x'], 'a.txt')] } });
    expect(await screen.findByText(/could not be read/)).toBeTruthy();
  });

  it('where the organization forbids adding by hand, says where accounts come from instead', async () => {
    await renderAdd(undefined, null, { manualEntryDisabled: true });
    expect(screen.getByText(/only from your portal's security page/)).toBeTruthy();
    expect(screen.queryByLabelText('Secret key')).toBeNull();
    expect(screen.queryByText('Scan this page')).toBeNull();
  });
});

describe('typed key → otpauth link', () => {
  it('is read back by the real parser as the account typed, also with colons and spaces in names', () => {
    const uri = typedKeyUri({
      ...EMPTY_TYPED_KEY,
      secret: 'jbsw y3dp ehpk 3pxp',
      label: 'team: alice',
      issuer: 'ACME: Main',
      algorithm: 'SHA256',
      digits: '8',
      period: '60',
    });
    expect(parseOtpauthUri(uri)).toMatchObject({
      secret: 'JBSWY3DPEHPK3PXP',
      label: 'team: alice',
      issuer: 'ACME: Main',
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
    });
  });

  it('portal addresses: bare hosts get https, a trailing slash goes, a path stays for the background to refuse', () => {
    expect(portalOrigin('  company.bitrix24.com ')).toBe('https://company.bitrix24.com');
    expect(portalOrigin('HTTP://Portal.Example:8080/')).toBe('http://portal.example:8080');
    expect(portalOrigin('https://portal.example/stream')).toBe('https://portal.example/stream');
    expect(portalOrigin('')).toBeNull();
  });
});

// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import jsQR from 'jsqr';
import { AccountDetails } from '@/components/popup/AccountDetails';
import { parseOtpauthUri } from '@/lib/otp';
import { realBackground, TEST_PASSWORD } from './real-background';
import { loadEnglish } from './setup';

const KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PORTAL = 'https://company.bitrix24.com';

beforeEach(() => loadEnglish());
afterEach(cleanup);

async function details(
  uri: string,
  { policy, exportAllowed = true }: { policy?: Record<string, unknown>; exportAllowed?: boolean } = {},
) {
  const background = await realBackground(policy ? { policy } : {});
  const [id] = await background.withAccounts({ uri, origins: [PORTAL] });
  const summary = (await background.summaries()).find((a) => a.id === id)!;
  render(
    <AccountDetails
      send={background.send}
      account={summary}
      activeOrigin={null}
      onChanged={vi.fn()}
      onDeleted={vi.fn()}
      onBack={vi.fn()}
      exportAllowed={exportAllowed}
    />,
  );
  return { background, id: id! };
}

/** What a phone's scanner reads from the drawn SVG: its modules as pixels, through jsQR. */
function scan(svg: Element): string | null {
  const size = Number(svg.getAttribute('viewBox')!.split(' ')[2]);
  const scale = 4;
  const width = size * scale;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const [, x, y] of svg
    .querySelector('path')!
    .getAttribute('d')!
    .matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    for (let dy = 0; dy < scale; dy++)
      for (let dx = 0; dx < scale; dx++) {
        const at = ((Number(y) * scale + dy) * width + Number(x) * scale + dx) * 4;
        pixels.fill(0, at, at + 3);
      }
  }
  return jsQR(pixels, width, width)?.data ?? null;
}

const section = () => screen.getByRole('region', { name: 'Move to a phone' });

describe('one account as a QR code for a phone', () => {
  it('asks for the master password, then shows a QR code a scanner reads as the account', async () => {
    await details(`otpauth://totp/Acme:alice?secret=${KEY}&issuer=Acme&digits=8&period=60`);
    fireEvent.click(within(section()).getByRole('button', { name: 'Show as a QR code…' }));
    fireEvent.input(within(section()).getByLabelText('Master password'), { target: { value: 'not it' } });
    fireEvent.click(within(section()).getByRole('button', { name: 'Show QR code' }));
    expect(await within(section()).findByText('Wrong password. Nothing was changed.')).toBeTruthy();
    expect(within(section()).queryByRole('img')).toBeNull();

    fireEvent.input(within(section()).getByLabelText('Master password'), { target: { value: TEST_PASSWORD } });
    fireEvent.click(within(section()).getByRole('button', { name: 'Show QR code' }));
    const qr = await within(section()).findByRole('img', { name: 'QR code of Acme — alice for an authenticator app' });
    const read = parseOtpauthUri(scan(qr)!);
    expect(read).toMatchObject({ type: 'totp', secret: KEY, issuer: 'Acme', label: 'alice', digits: 8, period: 60 });

    fireEvent.click(within(section()).getByRole('button', { name: 'Hide QR code' }));
    expect(within(section()).queryByRole('img')).toBeNull();
    expect(within(section()).getByRole('button', { name: 'Show as a QR code…' })).toBeTruthy();
  });

  it('an administrator who forbids export gets no QR code: not offered, and refused if asked', async () => {
    const { background, id } = await details(`otpauth://totp/Acme:alice?secret=${KEY}`, {
      policy: { disableExport: true },
      exportAllowed: false,
    });
    expect(screen.queryByRole('region', { name: 'Move to a phone' })).toBeNull();
    expect(await background.call({ type: 'account-qr', id, password: TEST_PASSWORD })).toMatchObject({
      ok: false,
      code: 'export-disabled',
    });
  });

  it('an account of recovery codes only has no secret to show', async () => {
    const background = await realBackground();
    await background.withAccounts();
    const added = await background.call({
      type: 'account-add-recovery',
      label: 'bob',
      origins: [PORTAL],
      codes: 'ab12-cd34\nef56-gh78',
    });
    const id = added.ok ? added.id : '';
    expect(await background.call({ type: 'account-qr', id, password: TEST_PASSWORD })).toMatchObject({
      ok: false,
      code: 'recovery-only',
    });
  });
});

import { expect } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { ExtensionPage } from '../extension-page';

// What an administrator's policy (minPasswordLength 12, a digit required, autoLockMinutes 10,
// lockOnIdle, disableExport) must do in either browser, whichever file it came from.

/** That policy, for the company portal at `url`: each test adds the values it must see ignored. */
export function companyPolicy(url: string, name: string): Record<string, unknown> {
  return {
    portals: [{ url, name }],
    minPasswordLength: 12,
    passwordPattern: '\\d',
    passwordPatternHint: 'Use at least one digit.',
    autoLockMinutes: 10,
    lockOnIdle: true,
    disableExport: true,
    restrictToPortals: true,
    clipboardClearSeconds: 0,
  };
}

/** The vault is created only with a password the rules allow. */
export async function expectPasswordRules(ext: ExtensionPage, allowed: string): Promise<void> {
  expect(await ext.send({ type: 'vault-create', password: 'short 1' })).toMatchObject({
    ok: false,
    code: 'password-too-short',
    params: ['12'],
  });
  expect(await ext.send({ type: 'vault-create', password: 'long but without digits' })).toMatchObject({
    ok: false,
    code: 'password-rule',
    params: ['Use at least one digit.'],
  });
  expect(await ext.send({ type: 'vault-status' })).toEqual({ ok: true, state: 'empty' });
  expect(await ext.send({ type: 'vault-create', password: allowed })).toEqual({ ok: true });
}

/** Auto-lock is capped at 10 minutes and lock-on-idle cannot be turned off; a shorter auto-lock sets the alarm. */
export async function expectAutoLockCapped(
  ext: ExtensionPage,
  autoLockAlarm: () => Promise<{ scheduledTime: number } | undefined>,
): Promise<void> {
  expect(await ext.send({ type: 'settings-set', patch: { autoLockMinutes: 60 } })).toMatchObject({
    ok: false,
    code: 'auto-lock-max',
    params: ['10'],
  });
  expect(await ext.send({ type: 'settings-set', patch: { lockOnIdle: false } })).toMatchObject({
    ok: false,
    code: 'policy-locked',
  });
  expect(await ext.send({ type: 'settings-set', patch: { autoLockMinutes: 5 } })).toMatchObject({
    ok: true,
    settings: { autoLockMinutes: 5 },
  });
  const alarm = await autoLockAlarm();
  expect(alarm!.scheduledTime - Date.now()).toBeLessThanOrEqual(10 * 60_000);
}

/** No export of any kind is given, and the options page (`options`, open) offers none; restoring stays. */
export async function expectNoExport(ext: ExtensionPage, options: Page): Promise<void> {
  for (const format of ['otpauth', 'google-migration', 'aegis'] as const) {
    expect(await ext.send({ type: 'accounts-export', format, password: 'x' })).toMatchObject({
      ok: false,
      code: 'export-disabled',
    });
  }
  expect(await ext.send({ type: 'backup-export', password: 'backup password 1' })).toMatchObject({
    ok: false,
    code: 'export-disabled',
  });
  await options.waitForSelector('[data-role="export-disabled"]');
  expect(await options.$eval('[data-role="export-disabled"]', (e) => e.textContent)).toBe(
    'Your organization does not allow exporting accounts or recovery codes.',
  );
  expect(await options.$('#export-heading')).toBeNull();
  expect(await options.$('#backup-export-heading')).toBeNull();
  expect(await options.$('#backup-restore-heading')).not.toBeNull();
}

/** With restrictToPortals, an account is added only bound to a company portal (`portal`), never to another site. */
export async function expectBoundToPortalsOnly(ext: ExtensionPage, secret: string, portal: string): Promise<void> {
  const uri = `otpauth://totp/demo%3Aalice?secret=${secret}&issuer=demo`;
  expect(await ext.send({ type: 'account-add', uri, origins: ['https://evil.example'] })).toMatchObject({
    ok: false,
    code: 'outside-portals',
  });
  expect(await ext.send({ type: 'account-add', uri, origins: [portal] })).toMatchObject({ ok: true });
}

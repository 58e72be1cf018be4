import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import {
  applyPolicy,
  originsOutsidePortals,
  passwordRuleProblem,
  policyPortalPatterns,
  readPolicy,
  settingsPatchProblem,
} from '@/lib/policy';
import schema from '@/public/managed_schema.json';

describe('readPolicy', () => {
  it('reads every key of the schema', () => {
    const raw = {
      portals: [
        { url: 'https://intranet.example.com/auth/', name: 'Intranet' },
        { url: 'https://example.bitrix24.com' },
      ],
      requireMasterPassword: true,
      minPasswordLength: 12,
      passwordPattern: '\\d',
      passwordPatternHint: 'Use a digit.',
      autoLockMinutes: 10,
      lockOnIdle: true,
      autofillMode: 'load',
      allowAutoSubmit: false,
      disableExport: true,
      allowPasskeyUnlock: false,
      disableManualEntry: false,
      restrictToPortals: true,
      kdfMinimumMemoryKiB: 65536,
      kdfMinimumIterations: 3,
      recoveryCodeWarningThreshold: 0,
      backupReminderDays: 0,
      clipboardClearSeconds: 0,
      supportUrl: 'https://help.example.com/2fa',
    };
    expect(Object.keys(raw).sort()).toEqual(Object.keys(schema.properties).sort());
    const { policy, invalid } = readPolicy(raw);
    expect(invalid).toEqual([]);
    expect(policy.portals).toEqual([
      { origin: 'https://intranet.example.com', name: 'Intranet' },
      { origin: 'https://example.bitrix24.com', name: 'example.bitrix24.com' },
    ]);
    // false and 0 are values, not "unset".
    expect(policy.allowAutoSubmit).toBe(false);
    expect(policy.disableManualEntry).toBe(false);
    expect(policy.clipboardClearSeconds).toBe(0);
    expect(policy.recoveryCodeWarningThreshold).toBe(0);
    expect(policy.backupReminderDays).toBe(0);
  });

  it('ignores each invalid value on its own, with a notice, and keeps the rest', () => {
    const { policy, invalid } = readPolicy({
      autoLockMinutes: 0,
      minPasswordLength: '12',
      passwordPattern: '([',
      autofillMode: 'always',
      portals: [{ url: 'ftp://files.example.com' }],
      supportUrl: 'javascript:alert(1)',
      lockOnIdle: 'yes',
      favouriteColour: 'blue',
      disableExport: true,
    });
    expect(policy).toEqual({ disableExport: true });
    expect(invalid.map((n) => n.key).sort()).toEqual(
      [
        'autoLockMinutes',
        'autofillMode',
        'favouriteColour',
        'lockOnIdle',
        'minPasswordLength',
        'passwordPattern',
        'portals',
        'supportUrl',
      ].sort(),
    );
    for (const notice of invalid) expect(notice.reason).toMatch(/\w/);
  });

  it('refuses KDF minimums that together would make every unlock fail, and a master password turned off', () => {
    const { policy, invalid } = readPolicy({
      kdfMinimumMemoryKiB: 262144,
      kdfMinimumIterations: 16,
      requireMasterPassword: false,
      lockOnIdle: true,
    });
    expect(policy).toEqual({ lockOnIdle: true });
    expect(invalid.map((n) => n.key).sort()).toEqual([
      'kdfMinimumIterations',
      'kdfMinimumMemoryKiB',
      'requireMasterPassword',
    ]);
    expect(readPolicy({ kdfMinimumMemoryKiB: 262144, kdfMinimumIterations: 2 }).invalid).toEqual([]);
  });

  it('reads nothing from nothing', () => {
    expect(readPolicy(undefined)).toEqual({ policy: {}, invalid: [] });
    expect(readPolicy([1, 2])).toEqual({ policy: {}, invalid: [] });
  });
});

describe('user settings under a policy', () => {
  it('caps auto-lock at the maximum and locks the settings the administrator fixed', () => {
    const user = { ...DEFAULT_SETTINGS, autoLockMinutes: 60, autoSubmit: true, lockOnIdle: false };
    const { settings, locked, autoLockMaxMinutes } = applyPolicy(user, {
      autoLockMinutes: 10,
      lockOnIdle: true,
      allowAutoSubmit: false,
      clipboardClearSeconds: 0,
    });
    expect(settings).toMatchObject({
      autoLockMinutes: 10,
      lockOnIdle: true,
      autoSubmit: false,
      clipboardClearSeconds: 0,
    });
    expect(locked.sort()).toEqual(['autoSubmit', 'clipboardClearSeconds', 'lockOnIdle']);
    expect(autoLockMaxMinutes).toBe(10);
  });

  it('leaves a shorter user choice alone, and everything when there is no policy', () => {
    expect(
      applyPolicy({ ...DEFAULT_SETTINGS, autoLockMinutes: 5 }, { autoLockMinutes: 10 }).settings.autoLockMinutes,
    ).toBe(5);
    expect(applyPolicy(DEFAULT_SETTINGS, {})).toEqual({
      settings: DEFAULT_SETTINGS,
      locked: [],
      autoLockMaxMinutes: null,
    });
  });

  it('allowAutoSubmit: true allows, it does not force', () => {
    const { settings, locked } = applyPolicy({ ...DEFAULT_SETTINGS, autoSubmit: false }, { allowAutoSubmit: true });
    expect(settings.autoSubmit).toBe(false);
    expect(locked).toEqual([]);
  });

  it('refuses changes to locked settings and auto-lock beyond the maximum', () => {
    const effective = applyPolicy(DEFAULT_SETTINGS, { autoLockMinutes: 10, autofillMode: 'off' });
    expect(settingsPatchProblem({ autoLockMinutes: 11 }, effective)).toEqual({
      code: 'auto-lock-max',
      params: ['10'],
      message: 'Your organization allows auto-lock after at most 10 minutes.',
    });
    expect(settingsPatchProblem({ autoLockMinutes: 10 }, effective)).toBeNull();
    expect(settingsPatchProblem({ autofillMode: 'load' }, effective)).toMatchObject({
      code: 'policy-locked',
      params: ['autofillMode'],
    });
    expect(settingsPatchProblem({ language: 'de' }, effective)).toBeNull();
  });
});

describe('password rules', () => {
  it('enforces the minimum length (in characters) and the pattern with its hint', () => {
    const policy = { minPasswordLength: 12, passwordPattern: '\\d', passwordPatternHint: 'Include a digit.' };
    expect(passwordRuleProblem('short1', policy)).toMatchObject({ code: 'password-too-short', params: ['12'] });
    expect(passwordRuleProblem('long enough but no digit', policy)).toEqual({
      code: 'password-rule',
      params: ['Include a digit.'],
      message: 'Include a digit.',
    });
    expect(passwordRuleProblem('long enough but no digit', { passwordPattern: '\\d' })).toMatchObject({
      code: 'password-rule',
      params: [],
    });
    expect(passwordRuleProblem('long enough with 1 digit', policy)).toBeNull();
    expect(passwordRuleProblem('пароль-пароль', { minPasswordLength: 13 })).toBeNull();
    expect(passwordRuleProblem('x', {})).toBeNull();
  });
});

describe('company portals', () => {
  const policy = { portals: [{ origin: 'https://intranet.example.com', name: 'Intranet' }], restrictToPortals: true };

  it('gives match patterns for the content script', () => {
    expect(policyPortalPatterns(policy)).toEqual(['https://intranet.example.com/*']);
  });

  it('with restrictToPortals, refuses accounts bound elsewhere or nowhere', () => {
    expect(originsOutsidePortals(['https://intranet.example.com'], policy)).toBeNull();
    expect(
      originsOutsidePortals(['https://intranet.example.com', 'https://evil.example', 'https://b.example'], policy),
    ).toMatchObject({ code: 'outside-portals', params: ['https://evil.example, https://b.example'] });
    expect(originsOutsidePortals([], policy)).toMatchObject({ code: 'portal-required', params: [] });
    expect(originsOutsidePortals(['https://evil.example'], { ...policy, restrictToPortals: false })).toBeNull();
  });
});

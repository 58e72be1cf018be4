import { describe, expect, it } from 'vitest';
import { weakenedSettings } from '@/lib/settings-weakening';
import { DEFAULT_SETTINGS, type UserSettings } from '@/lib/settings';

const current: UserSettings = {
  ...DEFAULT_SETTINGS,
  autoLockMinutes: 15,
  lockOnIdle: true,
  autofillMode: 'click',
  autoSubmit: false,
  clipboardClearSeconds: 30,
};

describe('which settings changes leave the vault less protected', () => {
  it.each<[Partial<UserSettings>, (keyof UserSettings)[]]>([
    [{ autoLockMinutes: 1440 }, ['autoLockMinutes']],
    [{ autoLockMinutes: 16 }, ['autoLockMinutes']],
    [{ lockOnIdle: false }, ['lockOnIdle']],
    [{ autofillMode: 'load' }, ['autofillMode']],
    [{ autoSubmit: true }, ['autoSubmit']],
    [{ clipboardClearSeconds: 0 }, ['clipboardClearSeconds']],
    [{ clipboardClearSeconds: 600 }, ['clipboardClearSeconds']],
    [{ autoLockMinutes: 60, autoSubmit: true, language: 'de' }, ['autoLockMinutes', 'autoSubmit']],
  ])('%j weakens %j', (patch, weaker) => expect(weakenedSettings(patch, current)).toEqual(weaker));

  it.each<Partial<UserSettings>>([
    { autoLockMinutes: 1 },
    { autoLockMinutes: 15 },
    { lockOnIdle: true },
    { autofillMode: 'off' },
    { autofillMode: 'click' },
    { autoSubmit: false },
    { clipboardClearSeconds: 5 },
    { clipboardClearSeconds: 30 },
    { clockDriftCorrection: false },
    { clockDriftCorrection: true },
    { language: 'tr' },
    {},
  ])('%j is stricter, the same, or beside protection', (patch) => expect(weakenedSettings(patch, current)).toEqual([]));

  it('turning clipboard clearing back on from "never" is stricter', () => {
    expect(weakenedSettings({ clipboardClearSeconds: 600 }, { ...current, clipboardClearSeconds: 0 })).toEqual([]);
    expect(weakenedSettings({ autofillMode: 'click' }, { ...current, autofillMode: 'off' })).toEqual(['autofillMode']);
  });
});

import type { UserSettings } from '../settings';
import type { PolicyProblem } from './errors';
import type { Policy } from './policy';

export interface EffectiveSettings {
  settings: UserSettings;
  /** Settings the administrator fixed: shown locked, "set by your organization". */
  locked: (keyof UserSettings)[];
  /** The longest auto-lock time the user may choose, when the administrator set one. */
  autoLockMaxMinutes: number | null;
}

/** The settings that apply: the user's, within what the administrator allows or fixed. */
export function applyPolicy(user: UserSettings, policy: Policy): EffectiveSettings {
  const settings = { ...user };
  const locked: (keyof UserSettings)[] = [];
  const max = policy.autoLockMinutes ?? null;
  if (max !== null) settings.autoLockMinutes = Math.min(settings.autoLockMinutes, max);
  if (policy.lockOnIdle !== undefined) {
    settings.lockOnIdle = policy.lockOnIdle;
    locked.push('lockOnIdle');
  }
  if (policy.autofillMode !== undefined) {
    settings.autofillMode = policy.autofillMode;
    locked.push('autofillMode');
  }
  if (policy.allowAutoSubmit === false) {
    settings.autoSubmit = false;
    locked.push('autoSubmit');
  }
  if (policy.clipboardClearSeconds !== undefined) {
    settings.clipboardClearSeconds = policy.clipboardClearSeconds;
    locked.push('clipboardClearSeconds');
  }
  return { settings, locked, autoLockMaxMinutes: max };
}

/** Why a change the user asked for is not allowed, or null. */
export function settingsPatchProblem(patch: Partial<UserSettings>, effective: EffectiveSettings): PolicyProblem | null {
  const lockedKey = (Object.keys(patch) as (keyof UserSettings)[]).find((key) => effective.locked.includes(key));
  if (lockedKey)
    return { code: 'policy-locked', params: [lockedKey], message: `"${lockedKey}" is set by your organization.` };
  const max = effective.autoLockMaxMinutes;
  if (max !== null && patch.autoLockMinutes !== undefined && patch.autoLockMinutes > max) {
    return {
      code: 'auto-lock-max',
      params: [String(max)],
      message: `Your organization allows auto-lock after at most ${max} minutes.`,
    };
  }
  return null;
}

import { bool, type Check, int, oneOf, partial, text, both } from './protocol/checks';

/** What the user can set. Each has a default; an administrator's policy may fix some (issue 8). */
export interface UserSettings {
  /** Lock this many minutes after the vault was last used. */
  autoLockMinutes: number;
  /** Also lock when the system has been idle for the auto-lock time. The vault always locks with the screen. */
  lockOnIdle: boolean;
  /** `click`: fill when the user asks (button, shortcut, menu, popup); `load`: also on page load with one matching account. */
  autofillMode: AutofillMode;
  /** Submit the portal's form after filling. */
  autoSubmit: boolean;
  /** Clear a copied code from the clipboard after this many seconds, if it is still there; 0 = never. */
  clipboardClearSeconds: number;
  /** Correct TOTP time by the portal's clock when the device clock is off by more than 30 s. */
  clockDriftCorrection: boolean;
  /** UI language (a `_locales` folder name), or '' for the browser's. */
  language: string;
}

export type AutofillMode = 'off' | 'click' | 'load';

/** The whole numbers the settings take, wherever they are checked or offered. */
export const SETTING_RANGES = {
  autoLockMinutes: { min: 1, max: 24 * 60 },
  clipboardClearSeconds: { min: 0, max: 600 },
} as const satisfies Partial<Record<keyof UserSettings, { min: number; max: number }>>;

export const DEFAULT_SETTINGS: UserSettings = {
  autoLockMinutes: 15,
  lockOnIdle: false,
  autofillMode: 'click',
  autoSubmit: false,
  clipboardClearSeconds: 30,
  clockDriftCorrection: true,
  language: '',
};

const SETTING_CHECKS: { [K in keyof UserSettings]: Check<UserSettings[K]> } = {
  autoLockMinutes: int(SETTING_RANGES.autoLockMinutes.min, SETTING_RANGES.autoLockMinutes.max),
  lockOnIdle: bool,
  autofillMode: oneOf('off', 'click', 'load'),
  autoSubmit: bool,
  clipboardClearSeconds: int(SETTING_RANGES.clipboardClearSeconds.min, SETTING_RANGES.clipboardClearSeconds.max),
  clockDriftCorrection: bool,
  language: both(text(8), (v) => /^(|[a-z]{2}(_[A-Z]{2})?)$/.test(v)),
};

/** Stored settings over the defaults; a stored value that fails its check counts as unset. */
export function settingsWithDefaults(stored: Record<string, unknown>): UserSettings {
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(SETTING_CHECKS) as (keyof UserSettings)[]) {
    if (SETTING_CHECKS[key](stored[key])) settings[key] = stored[key];
  }
  return settings as unknown as UserSettings;
}

/** Some settings, each valid, and nothing that is not a setting. */
export const isSettingsPatch: Check<Partial<UserSettings>> = partial(SETTING_CHECKS);

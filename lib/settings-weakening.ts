import type { AutofillMode, UserSettings } from './settings';

/** From the least to the most that happens without the user asking. */
const AUTOFILL_REACH: Record<AutofillMode, number> = { off: 0, click: 1, load: 2 };

/** Seconds a copied code stays in the clipboard; 0 means "never cleared", the longest of all. */
const clipboardStay = (seconds: number) => (seconds === 0 ? Infinity : seconds);

/**
 * Whether changing one setting from `before` to `after` leaves the vault less protected: locked
 * later, filling without a click, submitting by itself, or codes kept longer in the clipboard.
 */
const WEAKENS: { [K in keyof UserSettings]?: (before: UserSettings[K], after: UserSettings[K]) => boolean } = {
  autoLockMinutes: (before, after) => after > before,
  lockOnIdle: (before, after) => before && !after,
  autofillMode: (before, after) => AUTOFILL_REACH[after] > AUTOFILL_REACH[before],
  autoSubmit: (before, after) => !before && after,
  clipboardClearSeconds: (before, after) => clipboardStay(after) > clipboardStay(before),
};

/**
 * The settings in `patch` that would weaken protection compared with `current` (the settings that
 * apply now). While the vault is locked only these are refused: whoever has the browser but not
 * the master password may make the vault stricter, never looser. Language, the clock correction
 * and unchanged values are free.
 */
export function weakenedSettings(patch: Partial<UserSettings>, current: UserSettings): (keyof UserSettings)[] {
  return (Object.keys(patch) as (keyof UserSettings)[]).filter((key) => {
    const weakens = WEAKENS[key] as ((before: unknown, after: unknown) => boolean) | undefined;
    return weakens !== undefined && patch[key] !== undefined && weakens(current[key], patch[key]);
  });
}

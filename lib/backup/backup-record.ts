/**
 * What the extension remembers of the last backup that was written and read back successfully
 * (no secret: when, and how much it held), and when the popup reminds the user to make one.
 */
export interface BackupRecord {
  /** Unix ms: when the backup was made (its `exportedAt`). */
  at: number;
  accounts: number;
  recoveryCodeSets: number;
}

export const DEFAULT_BACKUP_REMINDER_DAYS = 30;
/** "Not now" in the popup: the reminder stays away this long. */
export const BACKUP_REMINDER_SNOOZE_MS = 7 * 24 * 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

/** `never`: no backup was made of this vault; `stale`: the last one is `days` old. */
export type BackupReminder = { kind: 'never' } | { kind: 'stale'; days: number };

export interface ReminderInput {
  record: BackupRecord | null;
  /** Accounts in the vault now: an empty vault has nothing to lose. */
  accounts: number;
  now: number;
  /** After how many days a backup counts as old; 0: never remind (policy `backupReminderDays`). */
  days: number;
  /** Until when the user said "not now" (Unix ms), or null. */
  snoozedUntil: number | null;
}

export function backupReminder({ record, accounts, now, days, snoozedUntil }: ReminderInput): BackupReminder | null {
  if (days === 0 || accounts === 0) return null;
  if (snoozedUntil !== null && now < snoozedUntil) return null;
  if (record === null) return { kind: 'never' };
  // A clock set back makes the backup look new, never older than it is.
  const age = Math.max(0, now - record.at);
  return age >= days * DAY_MS ? { kind: 'stale', days: Math.floor(age / DAY_MS) } : null;
}

const count = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** A stored record read back; anything else counts as no backup. */
export function readBackupRecord(stored: unknown): BackupRecord | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const { at, accounts, recoveryCodeSets } = stored as Record<string, unknown>;
  if (!Number.isFinite(at) || !count(accounts) || !count(recoveryCodeSets)) return null;
  return { at: at as number, accounts, recoveryCodeSets };
}

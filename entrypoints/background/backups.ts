import { browser } from 'wxt/browser';
import {
  BACKUP_REMINDER_SNOOZE_MS,
  BackupError,
  DEFAULT_BACKUP_REMINDER_DAYS,
  backupReminder,
  readBackupRecord,
  type BackupRecord,
} from '@/lib/backup';
import { t } from '@/lib/i18n';
import type { Replies } from '@/lib/protocol';
import { checkWrittenBackup, type WrittenBackup } from '@/lib/vault';
import { currentPolicy } from './policy-source';
import { currentSession, requireSession } from './vault-keeper';

// Local storage: what the last checked backup held and when (no secret), kept across restarts.
const RECORD_KEY = 'backup-record';
const SNOOZE_KEY = 'backup-reminder-snoozed-until';
// Session storage: what the last export wrote, until the saved file is checked against it.
const WRITTEN_KEY = 'backup-written';

/** The whole vault as backup text; what it holds is kept to check the saved file against. */
export async function writeBackup(password: string): Promise<WrittenBackup> {
  const written = await (await requireSession()).writeBackup(password);
  const { text: _, ...held } = written;
  await browser.storage.session.set({ [WRITTEN_KEY]: held });
  return written;
}

/**
 * The saved file read back: it must open with the password and hold what the last export wrote.
 * Only then is it the last backup (and the reminder goes).
 */
export async function verifyBackup(text: string, password: string): Promise<Replies['backup-verify']> {
  const held = (await browser.storage.session.get(WRITTEN_KEY))[WRITTEN_KEY] as Omit<WrittenBackup, 'text'> | undefined;
  if (!held) return { ok: false, code: 'backup-unverified', message: t('backupVerifyNothing') };
  const intact = await checkWrittenBackup(text, password, held).catch((error: unknown) => {
    if (error instanceof BackupError) return false;
    throw error;
  });
  if (!intact) return { ok: false, code: 'backup-unverified', message: t('backupVerifyFailed') };
  const record: BackupRecord = {
    at: held.exportedAt,
    accounts: held.accounts,
    recoveryCodeSets: held.recoveryCodeSets,
  };
  await browser.storage.local.set({ [RECORD_KEY]: record });
  await browser.storage.session.remove(WRITTEN_KEY);
  return { ok: true, accounts: record.accounts, recoveryCodes: record.recoveryCodeSets };
}

export async function backupStatus(): Promise<Replies['backup-status']> {
  const stored = await browser.storage.local.get([RECORD_KEY, SNOOZE_KEY]);
  const record = readBackupRecord(stored[RECORD_KEY]);
  const session = await currentSession();
  // Locked: nothing to count, and the popup shows the unlock screen anyway.
  const accounts = session ? (await session.listAccounts()).accounts.length : 0;
  const snoozed = stored[SNOOZE_KEY];
  const reminder = backupReminder({
    record,
    accounts,
    now: Date.now(),
    days: (await currentPolicy()).policy.backupReminderDays ?? DEFAULT_BACKUP_REMINDER_DAYS,
    snoozedUntil: typeof snoozed === 'number' ? snoozed : null,
  });
  return { ok: true, record, reminder };
}

export async function snoozeBackupReminder(): Promise<void> {
  await browser.storage.local.set({ [SNOOZE_KEY]: Date.now() + BACKUP_REMINDER_SNOOZE_MS });
}

/** A wiped vault has no backup of its own any more (an old file is of another vault). */
export async function forgetBackups(): Promise<void> {
  await browser.storage.local.remove([RECORD_KEY, SNOOZE_KEY]);
  await browser.storage.session.remove(WRITTEN_KEY);
}

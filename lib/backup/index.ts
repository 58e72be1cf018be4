/**
 * The encrypted backup file (docs/backup-format.md): pure format and cryptography, no storage.
 * `lib/vault` turns a vault into a payload and back.
 */
export { encryptBackup, decryptBackup } from './crypto';
export {
  BACKUP_CIPHER,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  MAX_BACKUP_LENGTH,
  detectBackup,
  headerAad,
  type BackupEnvelope,
  type BackupHeader,
} from './format';
export { MAX_BACKUP_ACCOUNTS, readPayload, type BackupPayload, type BackupRecoveryCodes } from './payload';
export { BackupError, type BackupErrorCode } from './errors';
export {
  BACKUP_REMINDER_SNOOZE_MS,
  DEFAULT_BACKUP_REMINDER_DAYS,
  backupReminder,
  readBackupRecord,
  type BackupRecord,
  type BackupReminder,
} from './backup-record';

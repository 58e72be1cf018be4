export {
  parseMigrationUri,
  parseMigrationUriAccounts,
  formatMigrationUri,
  decodeMigrationUri,
  encodeMigrationUri,
  MAX_MIGRATION_URI_LENGTH,
  type MigrationBatch,
  type MigrationEntry,
  type BatchPosition,
} from './uri';
export { migrationIncompatibility, migrationOtpToAccount, accountToMigrationOtp } from './entry';
export { MigrationError, MigrationEntryError, type MigrationErrorCode } from './errors';
export {
  decodeMigrationPayload,
  encodeMigrationPayload,
  type MigrationOtp,
  type MigrationPayload,
} from './payload';

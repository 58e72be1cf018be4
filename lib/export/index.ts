export { exportOtpauthList } from './otpauth-list';
export {
  exportMigrationUris,
  DEFAULT_MAX_MIGRATION_URI_LENGTH,
  QR_MAX_BYTES,
  type MigrationExport,
  type MigrationExportOptions,
} from './google-migration';
export { exportAegisVault, type AegisExportOptions } from './aegis';
export { ExportError, type ExportErrorCode, type SkippedAccount } from './errors';
// The QR encoder (./qr-matrix) is imported by its path, by the UI only: through this index it would
// be part of the service worker, which exports text and never draws a code.

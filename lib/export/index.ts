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
export { qrMatrix, type QrMatrix } from './qr-matrix';

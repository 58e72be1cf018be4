import type { Account } from '../account';
import { ImportError } from './errors';
import { IMPORT_FORMATS, type FormatId } from './formats';
import { buildReport, type ImportReport } from './report';
import { sniff } from './sniff';

export interface ImportOptions {
  /** For encrypted backups (ours, Aegis, 2FAS, Proton Authenticator). Ignored by formats that have none. */
  password?: string | undefined;
  /** Accounts already in the vault; entries with the same key and kind count as duplicates. */
  existing?: readonly Account[] | undefined;
}

export interface ImportResult {
  format: FormatId;
  /** New accounts, in file order, without duplicates. */
  accounts: Account[];
  report: ImportReport;
}

/**
 * The one way into the extension for accounts from a file: recognises the format by itself and
 * reads it. Throws `ImportError` when the file as a whole is unusable (unknown format, damaged,
 * encrypted without the right password); problems with single entries go into `report.rejected`.
 */
export async function importAccounts(
  fileName: string,
  bytes: Uint8Array,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const file = sniff(fileName, bytes);
  const format = IMPORT_FORMATS.find((f) => f.detect(file));
  if (format === undefined) {
    if (file.brokenJson)
      throw new ImportError('corrupt', 'The file looks like a JSON backup but is damaged or cut short.');
    throw new ImportError(
      'unknown-format',
      'This file is not a backup the extension can read. Supported: Bitrix24 Authenticator backups, Aegis, 2FAS, Proton Authenticator, FreeOTP+ (JSON), Authenticator Pro (unencrypted), andOTP, Bitwarden (JSON), Authy (JSON from community exporters), Google Authenticator export links, and text files with one otpauth:// link a line (Ente Auth, Authenticator Pro and others).',
    );
  }
  const parsed = await format.parse(file, { password: options.password });
  return { format: format.id, ...buildReport(parsed, options.existing ?? []) };
}

export { ImportError, EntryError, type ImportErrorCode, type EntryErrorCode, type EntrySkipCode } from './errors';
export type { ImportReport, RejectedEntry, ImportWarning } from './report';
export type { FormatId } from './formats';
export { MAX_IMPORT_BYTES, MAX_ENTRIES } from './limits';

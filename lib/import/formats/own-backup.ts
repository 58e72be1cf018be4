import { BackupError, decryptBackup, detectBackup } from '../../backup';
import { ImportError, type ImportErrorCode } from '../errors';
import type { ImportFormat } from './types';

/** The backup errors a user can act on keep their own meaning; anything else is a damaged file. */
const IMPORT_CODES: Partial<Record<string, ImportErrorCode>> = {
  'wrong-password': 'wrong-password',
  'empty-password': 'password-required',
  'unsupported-version': 'unsupported-version',
  'unsafe-parameters': 'unsafe-parameters',
  'too-large': 'too-large',
};

/**
 * This extension's encrypted backup (docs/backup-format.md), read as a list of accounts to add.
 * Restoring a backup whole, recovery codes and settings included, is the vault's `importBackup`.
 */
export const ownBackup: ImportFormat = {
  id: 'own-backup',
  name: 'Bitrix24 Authenticator backup',
  detect: ({ text }) => text !== null && detectBackup(text),
  parse: async ({ text }, { password }) => {
    if (password === undefined || password === '') {
      throw new ImportError('password-required', 'This backup is encrypted: enter the password it was exported with.');
    }
    try {
      const payload = await decryptBackup(text!, password);
      return {
        entries: payload.accounts.map(({ id: _id, ...account }) => ({
          entry: `${account.issuer}: ${account.label}`,
          account,
        })),
        warnings: [],
      };
    } catch (error) {
      if (!(error instanceof BackupError)) throw error;
      throw new ImportError(IMPORT_CODES[error.code] ?? 'corrupt', error.message);
    }
  },
};

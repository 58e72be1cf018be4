import { AccountError, createAccount, type Account } from '../account';
import { isRecoveryCodeSet, type RecoveryCodeSet } from '../recovery';
import { corruptBackup } from './errors';

/** What a backup holds once decrypted: the whole vault, ids included so codes stay with accounts. */
export interface BackupPayload {
  accounts: (Account & { id: string })[];
  recoveryCodes: BackupRecoveryCodes[];
  /** Plain JSON; the vault checks it like any settings it stores. */
  settings: Record<string, unknown>;
  /** Unix ms. */
  exportedAt: number;
}

export type BackupRecoveryCodes = RecoveryCodeSet & { accountId: string };

/** As many accounts as any importer accepts; more is junk. */
export const MAX_BACKUP_ACCOUNTS = 10_000;
const MAX_ID_LENGTH = 200;

/**
 * Checks a decrypted payload thoroughly: the password proves who wrote the file, not that the
 * program that wrote it (or a person editing it) got everything right. Accounts pass through
 * `createAccount` like any other import. Throws `BackupError('corrupt')`.
 */
export function readPayload(value: unknown): BackupPayload {
  if (!isObject(value)) throw corruptBackup();
  const { accounts, recoveryCodes, settings, exportedAt } = value;
  if (!Array.isArray(accounts) || accounts.length > MAX_BACKUP_ACCOUNTS) throw corruptBackup();
  if (!Array.isArray(recoveryCodes) || recoveryCodes.length > accounts.length) throw corruptBackup();
  if (!isObject(settings) || typeof exportedAt !== 'number' || !Number.isFinite(exportedAt)) throw corruptBackup();

  const ids = new Set<string>();
  const readAccounts = accounts.map((entry: unknown) => {
    const account = readAccount(entry);
    if (ids.has(account.id)) throw corruptBackup('It lists the same account twice.');
    ids.add(account.id);
    return account;
  });

  const withCodes = new Set<string>();
  const readCodes = recoveryCodes.map((entry: unknown) => {
    if (!isObject(entry)) throw corruptBackup();
    const { accountId, ...set } = entry;
    if (typeof accountId !== 'string' || !ids.has(accountId) || withCodes.has(accountId) || !isRecoveryCodeSet(set)) {
      throw corruptBackup();
    }
    withCodes.add(accountId);
    return { accountId, importedAt: set.importedAt, codes: set.codes.map((c) => ({ ...c })) };
  });

  return { accounts: readAccounts, recoveryCodes: readCodes, settings, exportedAt };
}

function readAccount(entry: unknown): Account & { id: string } {
  if (!isObject(entry)) throw corruptBackup();
  const { id } = entry;
  if (typeof id !== 'string' || id === '' || id.length > MAX_ID_LENGTH) throw corruptBackup();
  try {
    // The input is typed loosely on purpose: createAccount is where the fields get checked.
    return { ...createAccount(entry as unknown as Parameters<typeof createAccount>[0]), id };
  } catch (error) {
    // Anything createAccount throws on means the entry is not an account, whatever the class.
    throw corruptBackup(
      error instanceof AccountError
        ? `An account in it is not valid: ${error.message}`
        : 'An account in it is not valid.',
    );
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

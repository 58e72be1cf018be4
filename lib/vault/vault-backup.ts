import { BackupError, decryptBackup, encryptBackup, type BackupPayload } from '../backup';
import type { KdfOptions } from '../crypto';
import { PolicyError, vaultEntriesProblem } from '../policy';
import type { RecoveryCodeSet } from '../recovery';
import { accountPlaintext, type StoredAccount } from './account-record';
import type { SessionContext } from './context';
import { VaultError } from './errors';
import { guardedWrite } from './guarded-write';
import { openRecord, sealRecord } from './record-crypto';
import { ACCOUNT, RECOVERY_CODES } from './record-kinds';
import { SETTINGS_KEY, type SealedRecord } from './schema';
import { checkSettings, isSettings } from './settings';

export interface ExportBackupOptions extends KdfOptions {
  /**
   * Export what can be read when some records cannot. Without it, damaged records make the
   * export fail with `unreadable` (listing them), so nobody keeps a backup believing it complete.
   */
  skipUnreadable?: boolean;
}

export interface RestoreSummary {
  accounts: number;
  /** Accounts that came with recovery codes. */
  recoveryCodeSets: number;
}

/** A backup as written: its text, and what it holds, for checking the file once it is saved. */
export interface WrittenBackup extends RestoreSummary {
  text: string;
  /** Unix ms, as the file says. */
  exportedAt: number;
}

/** The whole vault (accounts, recovery codes with used flags, HOTP counters, settings) as backup text. */
export async function exportBackup(
  ctx: SessionContext,
  password: string,
  options: ExportBackupOptions = {},
): Promise<string> {
  return (await writeBackup(ctx, password, options)).text;
}

/** `exportBackup`, with what the backup holds. */
export async function writeBackup(
  ctx: SessionContext,
  password: string,
  options: ExportBackupOptions = {},
): Promise<WrittenBackup> {
  // One transaction, so the backup is a consistent snapshot even while codes are being taken.
  const tx = ctx.db.transaction(['accounts', 'recovery', 'settings'], 'readonly');
  const [accountRows, codeRows, settings] = await Promise.all([
    tx.objectStore('accounts').getAll(),
    tx.objectStore('recovery').getAll(),
    tx.objectStore('settings').get(SETTINGS_KEY),
  ]);
  await tx.done;

  const unreadable: string[] = [];
  const accounts: StoredAccount[] = [];
  const opened = await Promise.all(accountRows.map((row) => open(ctx, ACCOUNT.store, row, ACCOUNT.decode)));
  opened.forEach((account, i) => {
    if (account === null) unreadable.push(idOf(accountRows[i]));
    else accounts.push(account);
  });
  const sets = await Promise.all(codeRows.map((row) => open(ctx, RECOVERY_CODES.store, row, RECOVERY_CODES.decode)));
  const exported = new Set(accounts.map((account) => account.id));
  const recoveryCodes: BackupPayload['recoveryCodes'] = [];
  sets.forEach((set, i) => {
    const accountId = idOf(codeRows[i]);
    if (set === null) unreadable.push(accountId);
    // Codes of an account left out (unreadable) would point nowhere in the backup.
    else if (exported.has(accountId)) recoveryCodes.push({ accountId, ...set });
  });
  if (unreadable.length > 0 && options.skipUnreadable !== true) {
    throw new VaultError(
      'unreadable',
      `${unreadable.length} stored item(s) are damaged and cannot be backed up. Export the rest anyway, or delete the damaged items first.`,
      [...new Set(unreadable)],
    );
  }
  const payload: BackupPayload = {
    accounts: accounts.map((account) => ({ ...account, origins: [...account.origins] })),
    recoveryCodes,
    settings: isSettings(settings) ? settings : {},
    exportedAt: ctx.clock(),
  };
  return {
    text: await encryptBackup(payload, password, options),
    accounts: payload.accounts.length,
    recoveryCodeSets: payload.recoveryCodes.length,
    exportedAt: payload.exportedAt,
  };
}

/**
 * Reads a saved backup back as a restore would (the password, the authentication tag, every
 * record) without changing the vault: whether the file holds what was written (`written`).
 * Throws `BackupError` when it cannot be read.
 */
export async function checkWrittenBackup(
  text: string,
  password: string,
  written: Omit<WrittenBackup, 'text'>,
): Promise<boolean> {
  const payload = await decryptBackup(text, password);
  return (
    payload.exportedAt === written.exportedAt &&
    payload.accounts.length === written.accounts &&
    payload.recoveryCodes.length === written.recoveryCodeSets
  );
}

/**
 * Restores a backup into this vault, replacing all accounts, recovery codes and settings (the
 * vault keeps its own master password and key; records are re-encrypted under it). Everything is
 * decrypted, validated and re-encrypted first and written in one transaction, so a wrong, damaged
 * or altered file changes nothing. Unreadable records in the vault are replaced too: restoring is
 * the user's explicit choice to have exactly what the backup holds. Throws `BackupError`, and
 * `PolicyError` when the administrator's policy does not let the backup's accounts in: a backup may
 * come from anywhere (whoever knows its password can write one), so it enters like an import.
 */
export async function importBackup(ctx: SessionContext, text: string, password: string): Promise<RestoreSummary> {
  const payload = await decryptBackup(text, password);
  const refused = vaultEntriesProblem('restore', payload.accounts, await ctx.policy());
  if (refused) throw PolicyError.of(refused);
  try {
    checkSettings(payload.settings);
  } catch {
    throw new BackupError('corrupt', 'This backup file is damaged and cannot be restored. Its settings are not valid.');
  }
  const accounts = await Promise.all(
    payload.accounts.map((account) => sealRecord(ctx, 'accounts', account.id, 1, accountPlaintext(account))),
  );
  const codes = await Promise.all(
    payload.recoveryCodes.map(({ accountId, codes, importedAt }) =>
      sealRecord(ctx, 'recovery', accountId, 1, { codes, importedAt } satisfies RecoveryCodeSet),
    ),
  );
  const settings = payload.settings;
  await guardedWrite(ctx.db, ctx.vaultId, ['accounts', 'recovery', 'settings'], async (tx) => {
    const accountStore = tx.objectStore('accounts');
    const codeStore = tx.objectStore('recovery');
    await Promise.all([accountStore.clear(), codeStore.clear()]);
    await Promise.all([
      ...accounts.map((record) => accountStore.put(record)),
      ...codes.map((record) => codeStore.put(record)),
      tx.objectStore('settings').put(settings, SETTINGS_KEY),
    ]);
  });
  return { accounts: accounts.length, recoveryCodeSets: codes.length };
}

async function open<T>(
  ctx: SessionContext,
  store: 'accounts' | 'recovery',
  row: SealedRecord,
  decode: (id: string, value: unknown) => T | null,
): Promise<T | null> {
  const opened = await openRecord(ctx, store, row);
  return opened === null ? null : decode(idOf(row), opened.value);
}

function idOf(row: SealedRecord | undefined): string {
  return typeof row?.id === 'string' ? row.id : '';
}

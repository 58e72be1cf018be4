/**
 * The encrypted vault: accounts, Bitrix24 recovery codes and settings in IndexedDB.
 *
 * Pure of browser extension APIs: callers pass an `IDBFactory` (and a clock where time matters),
 * so it runs in the MV3 service worker and in Vitest with fake-indexeddb alike.
 *
 *   openVaultDb(factory: IDBFactory, name?: string): Promise<VaultDb>
 *   vaultStatus(db): Promise<'empty' | 'locked'>
 *   createVault(db, password, { kdf?, allowWeakKdfForTesting?, clock? }?): Promise<Uint8Array>   raw data key
 *   unlockVault(db, password, { minimumKdf? }?): Promise<Uint8Array>                               raw data key
 *   rekeyIfWeaker(db, password, minimum: Partial<KdfCost>): Promise<boolean>
 *   changePassword(db, rawKey, newPassword, { kdf?, allowWeakKdfForTesting?, clock? }?): Promise<void>
 *   wipeVault(db): Promise<void>
 *   openSession(db, rawKey, { clock?, recoveryWarnAt?, policy?, index? }?): Promise<VaultSession>
 *                                                  policy: every account entering is checked against it
 *                                                  index: where the account index is kept (account-index.ts)
 *   getSettings(db) / setSettings(db, patch)       usable while locked; settings are not secret
 *   addPasskeySlot(db, rawKey, { credentialId, salt, prf, label }), removePasskeySlot(db, credentialId)
 *   unlockWithPasskey(db, credentialId, prf): Promise<Uint8Array>                               raw data key
 *
 *   VaultSession:
 *     listAccounts(): { accounts: StoredAccount[], unreadable: string[] }
 *     listed: boolean                                 the whole list is in memory (or being read)
 *     indexedAccounts(saved, pick): { accounts, total, unreadable } | null   only the picked ones decrypted
 *     getAccount(id), addAccount(input): id, updateAccount(id, patch), deleteAccount(id): boolean
 *     addEnrolledAccount(input): id                  the background's enrolment path only
 *     addAccounts(inputs): ids                        all or nothing: validated first, one transaction
 *     nextHotpCode(id): { code, counter }
 *     setRecoveryCodes(accountId, codes, { replace? }?), takeRecoveryCode(accountId): { code, remaining, warn }
 *     markRecoveryCodeUnused(accountId, code), recoveryStatus(accountId), deleteRecoveryCodes(accountId)
 *     getSettings(), setSettings(patch)
 *     exportBackup(password, { kdf?, allowWeakKdfForTesting?, skipUnreadable? }?): string
 *     writeBackup(password, options?): { text, accounts, recoveryCodeSets, exportedAt }
 *   checkWrittenBackup(text, password, written): boolean   a saved file read back, the vault untouched
 *     importBackup(text, password): { accounts, recoveryCodeSets }   replaces everything
 *
 * Errors: `VaultError` (code, message, ids), `KdfError` for a cost option below the floor or over
 * the bounds, `AccountError` from account validation, `BackupError` from backup import/export,
 * `PolicyError` for an account the administrator's policy does not let in.
 *
 * Unlock backoff (unlock-backoff.ts): how long the next password attempt waits after failures;
 * the caller keeps the record where a restart does not lose it.
 */
export { openVaultDb } from './db';
export {
  DB_VERSION,
  DEFAULT_DB_NAME,
  type VaultDb,
  type VaultDbSchema,
  type VaultMeta,
  type SealedRecord,
} from './schema';
export {
  vaultStatus,
  createVault,
  unlockVault,
  rekeyIfWeaker,
  changePassword,
  wipeVault,
  type VaultStatus,
  type CreateVaultOptions,
  type UnlockOptions,
  type ChangePasswordOptions,
} from './lifecycle';
export { openSession, VaultSession, type SessionOptions } from './session';
export {
  MAX_PASSKEYS,
  MAX_PASSKEY_LABEL,
  PASSKEY_SALT_BYTES,
  PRF_OUTPUT_BYTES,
  addPasskeySlot,
  listPasskeys,
  newPasskeySalt,
  passkeysOf,
  removeAllPasskeySlots,
  removePasskeySlot,
  unlockWithPasskey,
  type NewPasskey,
  type PasskeyInfo,
} from './passkey-slots';
export { getSettings, setSettings } from './settings';
export type { Settings, SettingsValue } from './settings-types';
export type { StoredAccount } from './account-record';
export type { AccountList, AccountPatch, HotpCode } from './accounts';
export type { AccountIndex, IndexEntry, IndexStore } from './account-index';
export type { IndexedAccounts } from './session';
export type { SetRecoveryCodesOptions, TakenRecoveryCode } from './recovery-codes';
export { checkWrittenBackup, type ExportBackupOptions, type RestoreSummary, type WrittenBackup } from './vault-backup';
export { VaultError, type VaultErrorCode } from './errors';
export {
  FIRST_UNLOCK_DELAY_MS,
  FREE_UNLOCK_ATTEMPTS,
  MAX_UNLOCK_DELAY_MS,
  afterUnlockFailure,
  readUnlockFailures,
  unlockDelayMs,
  unlockWaitMs,
  type UnlockFailures,
} from './unlock-backoff';
export { DEFAULT_KDF_COST, KdfError, type KdfCost, type KdfOptions } from '../crypto';
export { detectBackup, BackupError, type BackupErrorCode } from '../backup';
export type { RecoveryStatus, RecoveryCodeEntry } from '../recovery';

import { CodedError } from '../coded-error';

/** Stable codes so the UI can translate; the message is the English fallback. */
export type VaultErrorCode =
  /** The password does not open the vault. Nothing was changed. */
  | 'wrong-password'
  /** A password was required and none was given. */
  | 'empty-password'
  /** No vault has been created yet. */
  | 'no-vault'
  /** The vault exists but nobody holds its key: unlock first. */
  | 'locked'
  /** `createVault` on a database that already holds a vault. */
  | 'vault-exists'
  /** The key does not belong to this vault (stale key after a wipe, or another vault's key). */
  | 'wrong-key'
  /** The vault's own header is damaged or names impossible parameters. */
  | 'corrupt-vault'
  /** The database was written by a newer version of the extension. */
  | 'newer-version'
  /** The database could not be opened at all. */
  | 'unavailable'
  | 'account-not-found'
  /** A record failed to decrypt; it is left exactly as it is. */
  | 'unreadable'
  | 'not-hotp'
  | 'counter-exhausted'
  /** `setRecoveryCodes` without `replace: true` for an account that already has codes. */
  | 'codes-exist'
  | 'no-codes'
  | 'too-many-codes'
  | 'invalid-code'
  /** The account has no recovery codes saved. */
  | 'no-recovery-codes'
  /** Every saved recovery code has been used. */
  | 'no-codes-left'
  | 'code-not-found'
  /** Other writers kept changing the record; retrying later will work. */
  | 'busy'
  /** The vault changed underneath a password change; nothing was written. */
  | 'conflict'
  | 'invalid-settings'
  /** Too many wrong passwords: params the seconds to wait before the next attempt. */
  | 'unlock-throttled'
  /** A settings change that weakens protection while the vault is locked: params the settings. */
  | 'unlock-to-weaken'
  /** A passkey that has no slot in this vault, or whose answer does not open it. */
  | 'passkey-refused'
  /** A passkey's answer of the wrong shape (no PRF output, an empty name). */
  | 'invalid-passkey'
  /** The vault holds the most passkeys it keeps: params the number. */
  | 'too-many-passkeys';

/** A vault operation failed; unless the code says otherwise, nothing was written. */
export class VaultError extends CodedError<VaultErrorCode> {
  override readonly name = 'VaultError';

  constructor(
    code: VaultErrorCode,
    message: string,
    /** Record ids the error is about, e.g. the unreadable ones. */
    readonly ids: readonly string[] = [],
    /** Values for the UI's translated sentence (see VaultErrorCode). */
    readonly params: readonly string[] = [],
  ) {
    super(code, message);
  }
}

export const wrongPassword = (): VaultError =>
  new VaultError('wrong-password', 'Wrong password. Check it and try again; nothing was changed.');

export const accountNotFound = (id: string): VaultError =>
  new VaultError('account-not-found', 'This account is no longer in the vault. It may have been deleted.', [id]);

export const unreadable = (id: string, what: string): VaultError =>
  new VaultError(
    'unreadable',
    `The stored ${what} is damaged and cannot be read. It has been left untouched; delete it or restore a backup.`,
    [id],
  );

export const noVault = (): VaultError =>
  new VaultError('no-vault', 'There is no vault yet. Set a master password to create one.');

export const corruptVault = (): VaultError =>
  new VaultError(
    'corrupt-vault',
    'The vault header is damaged, so the vault cannot be opened. Restore a backup, or wipe the vault and start again.',
  );

import type { AccountErrorCode } from './account';
import type { BackupErrorCode } from './backup';
import type { KdfErrorCode } from './crypto';
import type { ExportErrorCode } from './export';
import { t, type MessageKey } from './i18n';
import type { EntryErrorCode, EntrySkipCode, ImportErrorCode } from './import';
import type { Failure } from './result';
import type { CodeErrorCode, OtpUriErrorCode } from './otp';
import type { MigrationErrorCode } from './otp/migration';
import type { PolicyErrorCode } from './policy';
import type { QrImageErrorCode } from './qr';
import type { RecoveryRejectCode } from './recovery';
import type { VaultErrorCode } from './vault';

/** Every code the background's typed errors can carry, plus the UI's own two. */
type FailureCode =
  | VaultErrorCode
  | AccountErrorCode
  | OtpUriErrorCode
  | CodeErrorCode
  | MigrationErrorCode
  | ImportErrorCode
  | EntryErrorCode
  | EntrySkipCode
  | BackupErrorCode
  | KdfErrorCode
  | ExportErrorCode
  | PolicyErrorCode
  | QrImageErrorCode
  | RecoveryRejectCode
  | PasskeyFailureCode
  | 'no-reply'
  | 'internal';

/** What the browser's passkey prompt came to, as the extension's pages report it. */
export type PasskeyFailureCode = 'passkey-cancelled' | 'passkey-no-prf' | 'passkey-unavailable';

/**
 * Each failure code's sentence in the user's language. Typed over every error code, so a new code
 * without a translation fails type-checking. Codes outside this list (the fill and enrolment
 * refusals) arrive already translated by the background.
 */
const FAILURE_KEYS: Record<FailureCode, MessageKey> = {
  'no-reply': 'errorNoReply',
  internal: 'errorInternal',
  // Vault
  'wrong-password': 'errorWrongPassword',
  'empty-password': 'errorEmptyPassword',
  locked: 'errorLocked',
  'no-vault': 'errorNoVault',
  'vault-exists': 'errorVaultExists',
  'wrong-key': 'errorWrongKey',
  'corrupt-vault': 'errorCorruptVault',
  'newer-version': 'errorNewerVersion',
  unavailable: 'errorUnavailable',
  'account-not-found': 'errorAccountNotFound',
  unreadable: 'errorUnreadable',
  'not-hotp': 'errorNotHotp',
  'counter-exhausted': 'errorCounterExhausted',
  'codes-exist': 'errorCodesExist',
  'no-codes': 'errorNoCodes',
  'too-many-codes': 'errorTooManyCodes',
  'invalid-code': 'errorNotARecoveryCode',
  'no-recovery-codes': 'errorNoRecoveryCodes',
  'no-codes-left': 'errorNoCodesLeft',
  'code-not-found': 'errorCodeNotFound',
  busy: 'errorBusy',
  conflict: 'errorConflict',
  'invalid-settings': 'errorInternal',
  'unlock-throttled': 'errorUnlockThrottled',
  'unlock-to-weaken': 'errorUnlockToWeaken',
  'passkey-refused': 'errorPasskeyRefused',
  'invalid-passkey': 'errorInvalidPasskey',
  'too-many-passkeys': 'errorTooManyPasskeys',
  // The browser's passkey prompt
  'passkey-cancelled': 'errorPasskeyCancelled',
  'passkey-no-prf': 'errorPasskeyNoPrf',
  'passkey-unavailable': 'errorPasskeyUnavailable',
  // Account fields
  'missing-secret': 'errorMissingSecret',
  'bad-secret': 'errorBadSecret',
  'secret-too-short': 'errorSecretTooShort',
  'secret-too-long': 'errorSecretTooLong',
  'missing-label': 'errorMissingLabel',
  'bad-label': 'errorBadText',
  'label-too-long': 'errorTooLong',
  'bad-issuer': 'errorBadText',
  'issuer-too-long': 'errorTooLong',
  'bad-origin': 'errorBadOrigin',
  'bad-digits': 'errorBadDigits',
  'bad-period': 'errorBadPeriod',
  'bad-counter': 'errorBadCounter',
  'bad-algorithm': 'errorBadAlgorithm',
  'bad-type': 'errorBadType',
  // otpauth:// and Google Authenticator links; codes
  'bad-scheme': 'errorNotALink',
  'bad-uri': 'errorBadLink',
  'bad-encoding': 'errorBadLink',
  'duplicate-parameter': 'errorBadLink',
  'issuer-mismatch': 'errorIssuerMismatch',
  'too-long': 'errorTooLong',
  'bad-data': 'errorBadLink',
  'bad-time': 'errorInternal',
  'recovery-only': 'errorRecoveryOnly',
  'recovery-needs-portal': 'errorRecoveryNeedsPortal',
  // Files
  empty: 'errorFileEmpty',
  'too-large': 'errorFileTooLarge',
  'too-many-entries': 'errorTooManyEntries',
  'unknown-format': 'errorUnknownFormat',
  corrupt: 'errorCorruptFile',
  'password-required': 'errorPasswordRequired',
  'encrypted-unsupported': 'errorEncryptedUnsupported',
  'unsupported-version': 'errorUnsupportedVersion',
  'unsafe-parameters': 'errorUnsafeParameters',
  'not-a-backup': 'errorNotABackup',
  'bad-entry': 'errorBadEntry',
  'not-a-link': 'errorNotALink',
  'in-trash': 'errorEntryInTrash',
  deleted: 'errorEntryDeleted',
  'not-decrypted': 'errorEntryNotDecrypted',
  'unsupported-type': 'errorBadType',
  // Key derivation (a policy's minimum, a file's parameters)
  'kdf-invalid': 'errorKdfSettings',
  'kdf-too-weak': 'errorKdfSettings',
  'kdf-too-costly': 'errorKdfSettings',
  // The administrator's policy
  'export-disabled': 'exportDisabledByPolicy',
  'manual-entry-disabled': 'manualEntryDisabled',
  'outside-portals': 'errorOutsidePortals',
  'portal-required': 'errorPortalRequired',
  'enrolment-only': 'errorEnrolmentOnly',
  'policy-locked': 'errorPolicyLocked',
  'auto-lock-max': 'errorAutoLockMax',
  'password-too-short': 'errorPasswordTooShort',
  'password-rule': 'passwordBreaksRules',
  'passkeys-disabled': 'errorPasskeysDisabled',
  // Pictures
  'bad-image': 'errorBadImage',
  'image-too-large': 'errorImageTooLarge',
  'empty-region': 'errorEmptyRegion',
  // Recovery codes as typed
  'not-a-code': 'errorNotARecoveryCode',
  'bad-character': 'errorNotARecoveryCode',
};

/** What to tell the user about a failure, in their language where the code is known. */
export function failureText(failure: Pick<Failure, 'code' | 'message' | 'params'>): string {
  // The administrator's own hint for their password rule is shown as they wrote it.
  if (failure.code === 'password-rule' && failure.params?.[0]) return failure.params[0];
  const key = Object.hasOwn(FAILURE_KEYS, failure.code) ? FAILURE_KEYS[failure.code as FailureCode] : undefined;
  if (key) return t(key, failure.params);
  return failure.message || t('errorInternal');
}

import { t, type MessageKey } from '@/lib/i18n';
import type { Failure } from '@/lib/messages';

/**
 * The background's failure codes the UI translates. A code not listed falls back to the English
 * message the background wrote, which is still better than nothing.
 */
const FAILURE_KEYS: Record<string, MessageKey> = {
  'no-reply': 'errorNoReply',
  internal: 'errorInternal',
  'wrong-password': 'errorWrongPassword',
  'empty-password': 'errorEmptyPassword',
  locked: 'errorLocked',
  'no-vault': 'errorNoVault',
  'vault-exists': 'errorVaultExists',
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
  'no-recovery-codes': 'errorNoRecoveryCodes',
  'no-codes-left': 'errorNoCodesLeft',
  'code-not-found': 'errorCodeNotFound',
  busy: 'errorBusy',
  conflict: 'errorConflict',
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
  // Files
  empty: 'errorFileEmpty',
  'too-large': 'errorFileTooLarge',
  'unknown-format': 'errorUnknownFormat',
  corrupt: 'errorCorruptFile',
  'password-required': 'errorPasswordRequired',
  'encrypted-unsupported': 'errorEncryptedUnsupported',
  'unsupported-version': 'errorUnsupportedVersion',
  'not-a-backup': 'errorNotABackup',
  'bad-entry': 'errorBadEntry',
  'not-a-link': 'errorNotALink',
  'unsupported-type': 'errorBadType',
  // Recovery codes as typed
  'not-a-code': 'errorNotARecoveryCode',
  'bad-character': 'errorNotARecoveryCode',
};

/** What to tell the user about a failure, in their language where the code is known. */
export function failureText(failure: Pick<Failure, 'code' | 'message'>): string {
  const key = FAILURE_KEYS[failure.code];
  if (key) return t(key);
  return failure.message || t('errorInternal');
}

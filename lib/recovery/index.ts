/**
 * Bitrix24 recovery codes: reading them from `recovery_codes.txt` or pasted text, and the pure
 * bookkeeping of which ones are used. Storage lives in `lib/vault`.
 */
export { RECOVERY_CODE_PATTERN, isRecoveryCode, normalizeRecoveryCode, type NormalizeOptions } from './normalize';
export {
  MAX_RECOVERY_TEXT_LENGTH,
  parseRecoveryCodes,
  type ParsedRecoveryCodes,
  type RecoveryRejectCode,
  type RejectedRecoveryInput,
} from './parse';
export {
  DEFAULT_WARN_AT,
  MAX_RECOVERY_CODES,
  isRecoveryCodeSet,
  markUnused,
  newCodeSet,
  summarize,
  takeFirstUnused,
  type RecoveryCodeEntry,
  type RecoveryCodeSet,
  type RecoveryStatus,
} from './code-set';

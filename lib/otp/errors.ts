import type { AccountErrorCode } from '../account';
import { CodedError } from '../coded-error';

/** Stable codes so the UI can translate; the message is the English fallback. */
export type OtpUriErrorCode =
  | AccountErrorCode
  | 'bad-scheme'
  | 'bad-uri'
  | 'bad-encoding'
  | 'duplicate-parameter'
  | 'issuer-mismatch'
  | 'too-long';

/** An `otpauth://` link cannot be read. */
export class OtpUriError extends CodedError<OtpUriErrorCode> {
  override readonly name = 'OtpUriError';
}

export type CodeErrorCode = 'bad-time' | 'bad-counter' | 'recovery-only';

/** A code was asked for at a moment or counter that has none. */
export class CodeError extends CodedError<CodeErrorCode> {
  override readonly name = 'CodeError';
}

import type { AccountErrorCode } from '../account';

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
export class OtpUriError extends Error {
  override readonly name = 'OtpUriError';

  constructor(
    readonly code: OtpUriErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type CodeErrorCode = 'bad-time' | 'bad-counter' | 'recovery-only';

/** A code was asked for at a moment or counter that has none. */
export class CodeError extends Error {
  override readonly name = 'CodeError';

  constructor(
    readonly code: CodeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

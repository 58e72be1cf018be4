import { CodedError } from '../coded-error';

/** Stable codes so the UI can translate; the message is the English fallback. */
export type KdfErrorCode = 'kdf-invalid' | 'kdf-too-weak' | 'kdf-too-costly';

/**
 * Key-derivation parameters were refused. Raised for parameters chosen by code (options, policy);
 * parameters read from storage or a file are reported by the vault or backup layer instead.
 */
export class KdfError extends CodedError<KdfErrorCode> {
  override readonly name = 'KdfError';
}

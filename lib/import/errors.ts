import { CodedError } from '../coded-error';

/** Stable codes so the UI can translate; the message is the English fallback. */
export type ImportErrorCode =
  | 'empty'
  | 'too-large'
  | 'too-many-entries'
  | 'unknown-format'
  | 'corrupt'
  | 'unsupported-version'
  | 'encrypted-unsupported'
  | 'password-required'
  | 'wrong-password'
  | 'unsafe-parameters';

/** The file as a whole cannot be imported; nothing from it was taken. */
export class ImportError extends CodedError<ImportErrorCode> {
  override readonly name = 'ImportError';
}

export type EntryErrorCode = 'bad-entry' | 'unsupported-type' | 'not-a-link';

/** One entry of a readable file is malformed; the others are still imported. */
export class EntryError extends CodedError<EntryErrorCode> {
  override readonly name = 'EntryError';
}

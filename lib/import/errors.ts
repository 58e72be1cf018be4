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

/**
 * Entries an app's export holds but marks as not in use, left out on purpose: `in-trash` (Ente
 * Auth's trash), `deleted` (deleted in Authy), `not-decrypted` (an Authy exporter could not decrypt
 * the key). Not yet in the UI's translation table (lib/failure-text.ts), which shows their English
 * message until they are added there.
 */
export type EntrySkipCode = 'in-trash' | 'deleted' | 'not-decrypted';

/** One entry of a readable file is malformed or left out; the others are still imported. */
export class EntryError extends CodedError<EntryErrorCode | EntrySkipCode> {
  override readonly name = 'EntryError';
}

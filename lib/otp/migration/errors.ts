import type { AccountErrorCode } from '../../account';
import { CodedError } from '../../coded-error';

export type MigrationErrorCode = 'bad-scheme' | 'bad-data' | 'corrupt' | 'too-long';

/** A Google Authenticator export link (`otpauth-migration://`) cannot be read as a whole. */
export class MigrationError extends CodedError<MigrationErrorCode> {
  override readonly name = 'MigrationError';
}

/** One account inside an otherwise readable export cannot be used. */
export class MigrationEntryError extends CodedError<AccountErrorCode> {
  override readonly name = 'MigrationEntryError';
}

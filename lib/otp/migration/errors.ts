import type { AccountErrorCode } from '../../account';

export type MigrationErrorCode = 'bad-scheme' | 'bad-data' | 'corrupt' | 'too-long';

/** A Google Authenticator export link (`otpauth-migration://`) cannot be read as a whole. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';

  constructor(
    readonly code: MigrationErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** One account inside an otherwise readable export cannot be used. */
export class MigrationEntryError extends Error {
  override readonly name = 'MigrationEntryError';

  constructor(
    readonly code: AccountErrorCode,
    message: string,
  ) {
    super(message);
  }
}

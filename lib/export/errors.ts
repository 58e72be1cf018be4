import { CodedError } from '../coded-error';

export type ExportErrorCode = 'empty-password';

/** An export cannot be produced as asked. */
export class ExportError extends CodedError<ExportErrorCode> {
  override readonly name = 'ExportError';
}

/** An account left out of an export because the target format cannot hold it. */
export interface SkippedAccount {
  account: { issuer: string; label: string };
  /** Stable code for translation, e.g. `bad-digits`. */
  code: string;
  reason: string;
}

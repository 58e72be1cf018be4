export type ExportErrorCode = 'empty-password';

/** An export cannot be produced as asked. */
export class ExportError extends Error {
  override readonly name = 'ExportError';

  constructor(
    readonly code: ExportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** An account left out of an export because the target format cannot hold it. */
export interface SkippedAccount {
  account: { issuer: string; label: string };
  /** Stable code for translation, e.g. `bad-digits`. */
  code: string;
  reason: string;
}

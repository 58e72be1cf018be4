/**
 * An error with a stable `code` the UI translates; the message is the English fallback.
 * Each module's typed error extends it and names itself (`name`), so logs and `instanceof` tell them apart.
 */
export class CodedError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
  }
}

export type PolicyErrorCode = 'export-disabled' | 'manual-entry-disabled' | 'outside-portals' | 'policy-locked';

/** The administrator's policy forbids what was asked; nothing was changed. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';

  constructor(
    readonly code: PolicyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

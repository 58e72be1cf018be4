import { CodedError } from '../coded-error';

export type PolicyErrorCode =
  | 'export-disabled'
  | 'manual-entry-disabled'
  /** params: the origins outside the organization's portals. */
  | 'outside-portals'
  /** Under a portal restriction, an account must be bound to one of the portals. */
  | 'portal-required'
  /** Only the portals' own enrolment pages may add accounts (imports bind to no portal). */
  | 'enrolment-only'
  | 'policy-locked'
  /** params: the maximum auto-lock minutes. */
  | 'auto-lock-max'
  /** params: the minimum length. */
  | 'password-too-short'
  /** params: the administrator's own hint, when there is one. */
  | 'password-rule'
  /** `allowPasskeyUnlock` is false. */
  | 'passkeys-disabled';

/** What a policy forbids: a stable code and the values the UI puts into its own sentence. */
export interface PolicyProblem {
  code: PolicyErrorCode;
  params: string[];
  /** The English sentence, for logs and as a fallback. */
  message: string;
}

/** The administrator's policy forbids what was asked; nothing was changed. */
export class PolicyError extends CodedError<PolicyErrorCode> {
  override readonly name = 'PolicyError';

  constructor(
    code: PolicyErrorCode,
    message: string,
    /** Values for the UI's translated sentence (see PolicyErrorCode). */
    readonly params: readonly string[] = [],
  ) {
    super(code, message);
  }

  static of(problem: PolicyProblem): PolicyError {
    return new PolicyError(problem.code, problem.message, problem.params);
  }
}

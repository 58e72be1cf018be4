import { CodedError } from '../coded-error';

/** Stable codes so the UI can translate; the message is the English fallback. */
export type AccountErrorCode =
  | 'bad-type'
  | 'missing-secret'
  | 'bad-secret'
  | 'secret-too-short'
  | 'secret-too-long'
  | 'bad-algorithm'
  | 'bad-digits'
  | 'bad-period'
  | 'bad-counter'
  | 'missing-label'
  | 'bad-label'
  | 'label-too-long'
  | 'bad-issuer'
  | 'issuer-too-long'
  | 'bad-origin'
  | 'recovery-needs-portal';

/** An account field is missing or out of range. */
export class AccountError extends CodedError<AccountErrorCode> {
  override readonly name = 'AccountError';
}

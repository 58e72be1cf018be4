import type { RecoveryStatus } from '../recovery';
import type { Policy } from './policy';

/** What an extension page may see of an account's recovery codes. */
export type ShownRecoveryStatus = RecoveryStatus & {
  /** The administrator forbids export: the counts only, not one code of the list. */
  codesHidden?: true;
};

/**
 * With `disableExport`, the list of recovery codes is not shown in clear: a screen that lists
 * them all is an export by other means. Counts and the warning stay, and one code at a time is
 * still handed out for a sign-in (filled, or taken to copy), as the portal asks for it.
 */
export function shownRecoveryStatus(status: RecoveryStatus, policy: Policy): ShownRecoveryStatus {
  if (policy.disableExport !== true) return status;
  return { ...status, codes: [], codesHidden: true };
}

import type { Account } from '../account';
import type { PolicyProblem } from './errors';
import type { Policy } from './policy';
import { originsOutsidePortals } from './portals';

/**
 * How an account comes into the vault. Only the background's enrolment path (the portal's own
 * enrolment page, the account bound to the page's origin as the browser reports it) says
 * `enrolment`; no message from a page can claim it.
 *
 * - `manual`: typed, pasted or scanned in the popup, and recovery-only accounts.
 * - `import`: another app's export file (or an own backup read as a list of accounts).
 * - `restore`: a whole backup restored, which replaces the vault.
 * - `edit`: an account already in the vault, re-bound to other portals.
 */
export type VaultEntrySource = 'manual' | 'enrolment' | 'import' | 'restore' | 'edit';

/** What the policy looks at: whether the account carries a secret, and where it may be used. */
export type VaultEntryAccount = Pick<Account, 'type' | 'origins'>;

/**
 * Why the administrator's policy does not let this account enter the vault this way, or null.
 * Policy is enforced where data enters the vault (every path: popup edits, restore, import,
 * enrolment), never only in the UI that happens to offer it.
 *
 * - `disableManualEntry`: a secret enters only through enrolment. A recovery-only account carries
 *   no secret, so it is not manual entry of one; an edit changes no secret.
 * - `restrictToPortals`: every account, however it came, is bound to the company's portals only,
 *   and to at least one.
 */
export function vaultEntryProblem(
  source: VaultEntrySource,
  account: VaultEntryAccount,
  policy: Policy,
): PolicyProblem | null {
  const carriesSecret = account.type !== 'recovery';
  if (policy.disableManualEntry === true && carriesSecret && source !== 'enrolment' && source !== 'edit') {
    return {
      code: 'manual-entry-disabled',
      params: [],
      message: "Your organization allows adding accounts only from your portal's own enrolment page.",
    };
  }
  // Other apps' exports bind to no portal: say that only enrolment can bind them.
  if (policy.restrictToPortals === true && source === 'import' && account.origins.length === 0) {
    return {
      code: 'enrolment-only',
      params: [],
      message: "Your organization allows accounts only from its portals' enrolment pages.",
    };
  }
  return originsOutsidePortals(account.origins, policy);
}

/** The first problem among several accounts entering together (an import, a restore): all or nothing. */
export function vaultEntriesProblem(
  source: VaultEntrySource,
  accounts: readonly VaultEntryAccount[],
  policy: Policy,
): PolicyProblem | null {
  for (const account of accounts) {
    const problem = vaultEntryProblem(source, account, policy);
    if (problem) return problem;
  }
  return null;
}

/**
 * Why a change to an account in the vault is not allowed, or null. A new secret (or a new kind of
 * account) is a secret entered by hand; new portals are checked like a new account's. A change
 * of name or counter is left alone, even for an account stored before the policy came.
 */
export function accountChangeProblem(
  before: VaultEntryAccount & Pick<Account, 'secret'>,
  after: VaultEntryAccount & Pick<Account, 'secret'>,
  policy: Policy,
): PolicyProblem | null {
  if (after.secret !== before.secret || after.type !== before.type) return vaultEntryProblem('manual', after, policy);
  const same =
    after.origins.length === before.origins.length && after.origins.every((origin) => before.origins.includes(origin));
  return same ? null : vaultEntryProblem('edit', after, policy);
}

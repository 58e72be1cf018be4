export { readPolicy, type Policy, type PolicyNotice, type PolicyPortal } from './policy';
export { applyPolicy, settingsPatchProblem, type EffectiveSettings } from './effective-settings';
export { passwordRuleProblem } from './password-rules';
export { policyPortalPatterns, originsOutsidePortals } from './portals';
export {
  accountChangeProblem,
  vaultEntriesProblem,
  vaultEntryProblem,
  type VaultEntryAccount,
  type VaultEntrySource,
} from './vault-entry';
export { shownRecoveryStatus, type ShownRecoveryStatus } from './recovery-view';
export { PolicyError, type PolicyErrorCode, type PolicyProblem } from './errors';
export type { PolicySummary } from './summary';

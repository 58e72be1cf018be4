import type { Policy } from './policy';

/** Why a new master password breaks the administrator's rules, or null when it does not. */
export function passwordRuleProblem(password: string, policy: Policy): string | null {
  const min = policy.minPasswordLength;
  if (min !== undefined && [...password].length < min) {
    return `Your organization requires a master password of at least ${min} characters.`;
  }
  if (policy.passwordPattern !== undefined && !new RegExp(policy.passwordPattern, 'u').test(password)) {
    return policy.passwordPatternHint?.trim() || 'This master password does not meet your organization\'s rules.';
  }
  return null;
}

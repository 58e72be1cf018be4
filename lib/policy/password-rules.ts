import type { PolicyProblem } from './errors';
import type { Policy } from './policy';

/** Why a new master password breaks the administrator's rules, or null when it does not. */
export function passwordRuleProblem(password: string, policy: Policy): PolicyProblem | null {
  const min = policy.minPasswordLength;
  if (min !== undefined && [...password].length < min) {
    return {
      code: 'password-too-short',
      params: [String(min)],
      message: `Your organization requires a master password of at least ${min} characters.`,
    };
  }
  if (policy.passwordPattern !== undefined && !new RegExp(policy.passwordPattern, 'u').test(password)) {
    // The administrator's hint is their own words, in their users' language: shown as written.
    const hint = policy.passwordPatternHint?.trim();
    return hint
      ? { code: 'password-rule', params: [hint], message: hint }
      : { code: 'password-rule', params: [], message: "This master password does not meet your organization's rules." };
  }
  return null;
}

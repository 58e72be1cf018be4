import type { MessageKey } from '@/lib/i18n';
import type { PolicySummary } from '@/lib/policy/summary';
import { strengthOf, type Strength } from './password-strength';

/** What a new master password must meet. An administrator's policy may raise it. */
export interface PasswordPolicy {
  minLength: number;
  minStrength: Strength;
  /** The organization's own rule, as a regular expression, and how it describes it. */
  pattern?: string | null;
  hint?: string | null;
}

/** Without a policy: long enough that the key derivation has something to work with. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 8, minStrength: 0 };

export type PasswordProblem = { field: 'password' | 'confirm'; key: MessageKey; substitutions?: string[] };

/** The rules for a new master password: the built-in ones, raised by the organization's policy. */
export function passwordPolicyOf(summary: PolicySummary | null): { policy: PasswordPolicy; managed: boolean } {
  const rules = summary?.passwordRules;
  if (!summary?.managed || !rules || (rules.minLength === null && rules.pattern === null)) {
    return { policy: DEFAULT_PASSWORD_POLICY, managed: false };
  }
  return {
    policy: {
      ...DEFAULT_PASSWORD_POLICY,
      minLength: Math.max(DEFAULT_PASSWORD_POLICY.minLength, rules.minLength ?? 0),
      pattern: rules.pattern,
      hint: rules.hint,
    },
    managed: true,
  };
}

/** The first thing wrong with a new password and its confirmation, or null. */
export function passwordProblem(password: string, confirm: string, policy: PasswordPolicy): PasswordProblem | null {
  if ([...password].length < policy.minLength) {
    return { field: 'password', key: 'passwordTooShort', substitutions: [String(policy.minLength)] };
  }
  if (strengthOf(password) < policy.minStrength) return { field: 'password', key: 'passwordTooWeak' };
  if (policy.pattern && !matches(policy.pattern, password)) return { field: 'password', key: 'passwordBreaksRules' };
  if (confirm !== password) return { field: 'confirm', key: 'passwordMismatch' };
  return null;
}

/** An administrator's pattern that does not compile counts as met; the background has the last word. */
function matches(pattern: string, password: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(password);
  } catch {
    return true;
  }
}

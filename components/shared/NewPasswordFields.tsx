import { useState } from 'preact/hooks';
import { t, type MessageKey } from '@/lib/i18n';
import { Field } from './Field';
import { PasswordStrength } from './PasswordStrength';
import { passwordProblem, type PasswordPolicy, type PasswordProblem } from './password-policy';

const STRENGTH_RULE_KEYS: Record<number, MessageKey> = {
  1: 'ruleStrengthWeak',
  2: 'ruleStrengthFair',
  3: 'ruleStrengthGood',
  4: 'ruleStrengthStrong',
};

export interface NewPasswordFieldsProps {
  password: string;
  confirm: string;
  onPassword(value: string): void;
  onConfirm(value: string): void;
  policy: PasswordPolicy;
  /** The policy comes from the user's organization: say so, and list every rule. */
  managed?: boolean | undefined;
  /** Shown only after a submit attempt, so nobody is scolded while still typing. */
  problem: PasswordProblem | null;
  autoFocus?: boolean;
  passwordLabel?: string;
}

/** A new master password, its strength, the rules it must meet, and its confirmation. */
export function NewPasswordFields(props: NewPasswordFieldsProps) {
  const { policy, problem } = props;
  const message = (field: PasswordProblem['field']) =>
    problem?.field === field ? t(problem.key, problem.substitutions) : null;
  return (
    <>
      {props.managed && (
        <div class="policy-rules">
          <p>{t('policyRulesHeading')}</p>
          <ul>
            <li>{t('ruleMinLength', String(policy.minLength))}</li>
            {policy.minStrength > 0 && <li>{t(STRENGTH_RULE_KEYS[policy.minStrength]!)}</li>}
            {policy.pattern && <li>{policy.hint || t('ruleOrganizationPattern')}</li>}
          </ul>
        </div>
      )}
      <Field
        label={props.passwordLabel ?? t('newPasswordLabel')}
        type="password"
        autoComplete="new-password"
        value={props.password}
        onInput={props.onPassword}
        hint={props.managed ? undefined : t('ruleMinLength', String(policy.minLength))}
        error={message('password')}
        autoFocus={props.autoFocus}
      />
      <PasswordStrength password={props.password} />
      <Field
        label={t('confirmPasswordLabel')}
        type="password"
        autoComplete="new-password"
        value={props.confirm}
        onInput={props.onConfirm}
        error={message('confirm')}
      />
    </>
  );
}

/** What NewPasswordFields shows, and the check a submit makes before the new password is used. */
export function useNewPassword(policy: PasswordPolicy) {
  const [password, onPassword] = useState('');
  const [confirm, onConfirm] = useState('');
  const [problem, setProblem] = useState<PasswordProblem | null>(null);
  return {
    fields: { password, confirm, onPassword, onConfirm, policy, problem },
    /** Shows what is wrong with the password, if anything: true when it may be used. */
    check() {
      const found = passwordProblem(password, confirm, policy);
      setProblem(found);
      return found === null;
    },
    clear() {
      onPassword('');
      onConfirm('');
    },
  };
}

import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { Field } from './Field';

export interface MasterPasswordFieldProps {
  value: string;
  /** Called with each edit; a shown error is the caller's to clear (useMasterPassword clears it then). */
  onInput(value: string): void;
  error?: string | null;
  hint?: string;
  autoFocus?: boolean;
  label?: string;
}

/** The master password as the vault asks for it wherever it is asked: typed, never remembered by a form filler as new. */
export function MasterPasswordField({ label = t('masterPasswordLabel'), ...props }: MasterPasswordFieldProps) {
  return (
    <Field
      label={label}
      type="password"
      autoComplete="current-password"
      value={props.value}
      onInput={props.onInput}
      error={props.error}
      hint={props.hint}
      autoFocus={props.autoFocus}
    />
  );
}

/**
 * The master password being typed and what was wrong with the last try, for MasterPasswordField:
 * the complaint goes as soon as the password is edited.
 */
export function useMasterPassword() {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const onInput = (value: string) => {
    setPassword(value);
    setError(null);
  };
  return { password, error, setError, clear: () => setPassword(''), field: { value: password, error, onInput } };
}

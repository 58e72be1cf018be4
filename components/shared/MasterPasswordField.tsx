import { t } from '@/lib/i18n';
import { Field } from './Field';

export interface MasterPasswordFieldProps {
  value: string;
  /** Called with each edit; a shown error is the caller's to clear. */
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

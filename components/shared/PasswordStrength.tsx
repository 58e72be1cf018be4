import { useId } from 'preact/hooks';
import { t, type MessageKey } from '@/lib/i18n';
import { strengthOf, type Strength } from './password-strength';

const STRENGTH_KEYS: Record<Strength, MessageKey> = {
  0: 'strengthVeryWeak',
  1: 'strengthWeak',
  2: 'strengthFair',
  3: 'strengthGood',
  4: 'strengthStrong',
};

/** A meter and a word for how guessable the password is; nothing while the field is empty. */
export function PasswordStrength({ password }: { password: string }) {
  const id = useId();
  if (password === '') return null;
  const strength = strengthOf(password);
  return (
    <div class="strength" data-strength={strength}>
      <meter id={id} min={0} max={4} low={2} high={3} optimum={4} value={strength} aria-labelledby={`${id}-text`} />
      <span id={`${id}-text`}>{t('strengthLabel', t(STRENGTH_KEYS[strength]))}</span>
    </div>
  );
}

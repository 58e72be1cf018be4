import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { failureText } from '@/lib/failure-text';
import { Field } from './Field';
import { request, type Send } from './platform';

export interface UnlockFormProps {
  send: Send;
  onUnlocked(): void;
  autoLockMinutes: number;
  autoFocus?: boolean;
}

/** The master password, once per session; says how soon the vault will lock again. */
export function UnlockForm({ send, onUnlocked, autoLockMinutes, autoFocus = true }: UnlockFormProps) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (password === '') return setError(t('errorEmptyPassword'));
    setBusy(true);
    const reply = await request(send, { type: 'vault-unlock', password });
    setBusy(false);
    if (reply.ok) return onUnlocked();
    setError(failureText(reply));
  }

  return (
    <form class="screen unlock" onSubmit={submit} noValidate aria-labelledby="unlock-heading">
      <h2 id="unlock-heading">{t('unlockHeading')}</h2>
      <Field
        label={t('masterPasswordLabel')}
        type="password"
        autoComplete="current-password"
        value={password}
        onInput={(value) => {
          setPassword(value);
          setError(null);
        }}
        error={error}
        autoFocus={autoFocus}
      />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('unlockingButton') : t('unlockButton')}
      </button>
      <p class="hint">{t('autoLockNote', String(autoLockMinutes))}</p>
    </form>
  );
}

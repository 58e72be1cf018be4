import { useId, useState } from 'preact/hooks';
import { t, uiLanguage } from '@/lib/i18n';
import { failureText } from '@/lib/failure-text';
import { Notice } from '../shared/Notice';
import { request, type Send } from '../shared/platform';

/**
 * Deleting everything: only after the user typed the confirmation word of their language. It needs
 * no master password, so that whoever forgot it can start over; while the vault is locked the
 * screen says so, and that a backup brings the accounts back.
 */
export function WipeVault({ send, locked, onWiped }: { send: Send; locked: boolean; onWiped(): void }) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const word = t('wipeConfirmWord');
  // Case and accents aside (Turkish "sil" is "SİL"), the word must be the one shown.
  const confirmed = new Intl.Collator(uiLanguage(), { sensitivity: 'base' }).compare(typed.trim(), word) === 0;

  async function submit(event: Event) {
    event.preventDefault();
    if (!confirmed) return;
    const reply = await request(send, { type: 'vault-wipe' });
    if (!reply.ok) return setError(failureText(reply));
    setTyped('');
    onWiped();
  }

  return (
    <section class="card danger" aria-labelledby="wipe-heading">
      <h2 id="wipe-heading">{t('wipeHeading')}</h2>
      <p class="warning">{t('wipeExplain')}</p>
      {locked && (
        <p class="hint" data-role="wipe-forgot-password">
          {t('wipeForgotPassword')}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for={id}>{t('wipeConfirmLabel', word)}</label>
          <input
            id={id}
            value={typed}
            autoComplete="off"
            spellcheck={false}
            onInput={(event) => setTyped(event.currentTarget.value)}
          />
        </div>
        <button type="submit" class="destructive" disabled={!confirmed}>
          {t('wipeButton')}
        </button>
      </form>
      <Notice kind="error">{error}</Notice>
    </section>
  );
}

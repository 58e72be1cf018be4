import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { failureText } from '@/lib/failure-text';
import { FocusedButton } from '../shared/FocusedButton';
import { Notice } from '../shared/Notice';
import { request, type Send } from '../shared/platform';

/** Deleting takes two clicks and says what is lost: the key cannot be brought back. */
export function DeleteAccount({
  send,
  accountId,
  name,
  onDeleted,
}: {
  send: Send;
  accountId: string;
  name: string;
  onDeleted(): void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    const reply = await request(send, { type: 'account-delete', id: accountId });
    if (reply.ok) return onDeleted();
    setError(failureText(reply));
  }

  return (
    <section class="section danger" aria-labelledby="delete-heading">
      <h3 id="delete-heading">{t('deleteHeading')}</h3>
      {confirming ? (
        // biome-ignore lint/a11y/useSemanticElements: a fieldset would frame a sentence and two buttons that hold no field
        <div role="group" aria-labelledby="delete-confirm-text">
          <p id="delete-confirm-text" class="warning">
            {t('deleteConfirmText', name)}
          </p>
          <div class="actions">
            {/* Focus lands on Cancel, so a stray Enter does not delete. */}
            <FocusedButton onClick={() => setConfirming(false)}>{t('cancelButton')}</FocusedButton>
            <button type="button" class="destructive" onClick={remove}>
              {t('deleteConfirmButton')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" class="destructive" onClick={() => setConfirming(true)}>
          {t('deleteButton')}
        </button>
      )}
      <Notice kind="error">{error}</Notice>
    </section>
  );
}

import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { AccountSummary } from '@/lib/protocol';
import { failureText } from '@/lib/failure-text';
import { Field } from '../shared/Field';
import { Notice } from '../shared/Notice';
import { request, type Send } from '../shared/platform';

/**
 * HOTP: the counter the next code will use, and setting it when the portal and the extension
 * disagree (after codes were made elsewhere, or a backup was restored).
 */
export function HotpCounter({
  send,
  account,
  onSaved,
}: {
  send: Send;
  account: AccountSummary;
  onSaved(counter: number): void;
}) {
  const [typed, setTyped] = useState(String(account.counter ?? 0));
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setStatus(null);
    if (!/^\d{1,15}$/.test(typed.trim())) return setError(t('errorBadCounter'));
    const reply = await request(send, { type: 'hotp-resync', id: account.id, counter: Number(typed.trim()) });
    if (!reply.ok) return setError(failureText(reply));
    setError(null);
    setStatus(t('counterSavedNotice', String(reply.counter)));
    onSaved(reply.counter);
  }

  return (
    <form class="section" onSubmit={submit} noValidate aria-labelledby="counter-heading">
      <h3 id="counter-heading">{t('counterHeading')}</h3>
      <p>{t('counterNow', String(account.counter ?? 0))}</p>
      <Field
        label={t('counterResyncLabel')}
        type="number"
        inputMode="numeric"
        min={0}
        value={typed}
        onInput={setTyped}
        hint={t('counterResyncHint')}
        error={error}
      />
      <button type="submit">{t('counterResyncButton')}</button>
      <Notice kind="success">{status}</Notice>
    </form>
  );
}

import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { AccountSummary } from '@/lib/protocol';
import { failureText } from '@/lib/failure-text';
import { Field } from '../shared/Field';
import { Notice } from '../shared/Notice';
import { request, type Send } from '../shared/platform';

/** The account's login and issuer as the list shows them. */
export function RenameForm({
  send,
  account,
  onSaved,
}: {
  send: Send;
  account: AccountSummary;
  onSaved(account: AccountSummary): void;
}) {
  const [label, setLabel] = useState(account.label);
  const [issuer, setIssuer] = useState(account.issuer);
  const [errors, setErrors] = useState<{ label?: string; issuer?: string }>({});
  const [saved, setSaved] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setSaved(false);
    const reply = await request(send, { type: 'account-update', id: account.id, patch: { label, issuer } });
    if (reply.ok) {
      setErrors({});
      setSaved(true);
      return onSaved(reply.account);
    }
    setErrors(reply.code.includes('issuer') ? { issuer: failureText(reply) } : { label: failureText(reply) });
  }

  return (
    <form class="section" onSubmit={submit} noValidate aria-labelledby="rename-heading">
      <h3 id="rename-heading">{t('renameHeading')}</h3>
      <Field label={t('loginLabel')} value={label} onInput={setLabel} error={errors.label} verbatim />
      <Field label={t('issuerLabel')} value={issuer} onInput={setIssuer} error={errors.issuer} />
      <button type="submit">{t('saveButton')}</button>
      <Notice kind="success">{saved ? t('savedNotice') : null}</Notice>
    </form>
  );
}

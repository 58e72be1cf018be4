import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { AccountSummary } from '@/lib/protocol';
import { failureText } from '@/lib/failure-text';
import { Field } from '../shared/Field';
import { Notice } from '../shared/Notice';
import { request, type Send } from '../shared/platform';
import { portalOrigin } from '../shared/portal-origin';

export interface BoundPortalsProps {
  send: Send;
  account: AccountSummary;
  /** The active tab's portal, offered with one click when the account is not bound to it yet. */
  activeOrigin: string | null;
  onSaved(account: AccountSummary): void;
}

/** The portals whose sign-in pages may receive this account's codes: the security boundary. */
export function BoundPortals({ send, account, activeOrigin, onSaved }: BoundPortalsProps) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function save(origins: string[], done: string) {
    const reply = await request(send, { type: 'account-update', id: account.id, patch: { origins } });
    if (!reply.ok) {
      setError(failureText(reply));
      return false;
    }
    setError(null);
    setStatus(done);
    onSaved(reply.account);
    return true;
  }

  async function add(event: Event) {
    event.preventDefault();
    const origin = portalOrigin(typed);
    if (!origin) return setError(t('errorBadOrigin'));
    if (await save([...account.origins, origin], t('portalAddedNotice', origin))) setTyped('');
  }

  return (
    <section class="section" aria-labelledby="portals-heading">
      <h3 id="portals-heading">{t('portalsHeading')}</h3>
      <p class="hint">{t('portalsExplain')}</p>
      {account.origins.length === 0 ? (
        <p>{t('noPortals')}</p>
      ) : (
        <ul class="plain-list">
          {account.origins.map((origin) => (
            <li key={origin}>
              <span class="origin">{origin}</span>
              <button
                type="button"
                class="small"
                aria-label={`${t('removeButton')} — ${origin}`}
                onClick={() =>
                  save(
                    account.origins.filter((o) => o !== origin),
                    t('portalRemovedNotice', origin),
                  )
                }
              >
                {t('removeButton')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {activeOrigin && !account.origins.includes(activeOrigin) && (
        <button
          type="button"
          onClick={() => save([...account.origins, activeOrigin], t('portalAddedNotice', activeOrigin))}
        >
          {t('bindThisPortalButton', new URL(activeOrigin).host)}
        </button>
      )}
      <form onSubmit={add} noValidate class="inline-form">
        <Field
          label={t('addPortalLabel')}
          type="url"
          inputMode="url"
          value={typed}
          onInput={setTyped}
          error={error}
          verbatim
        />
        <button type="submit">{t('addPortalButton')}</button>
      </form>
      <Notice kind="success">{status}</Notice>
    </section>
  );
}

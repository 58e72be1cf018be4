import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { AccountSummary } from '@/lib/protocol';
import { failureText } from '@/lib/failure-text';
import { Notice } from '../shared/Notice';
import { request, type Send } from '../shared/platform';
import { AddOriginForm, OriginList } from '../shared/PortalOrigins';

export interface BoundPortalsProps {
  send: Send;
  account: AccountSummary;
  /** The active tab's portal, offered with one click when the account is not bound to it yet. */
  activeOrigin: string | null;
  onSaved(account: AccountSummary): void;
}

/** The portals whose sign-in pages may receive this account's codes: the security boundary. */
export function BoundPortals({ send, account, activeOrigin, onSaved }: BoundPortalsProps) {
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

  async function add(origin: string | null) {
    if (origin) return save([...account.origins, origin], t('portalAddedNotice', origin));
    setError(t('errorBadOrigin'));
    return false;
  }

  return (
    <section class="section" aria-labelledby="portals-heading">
      <h3 id="portals-heading">{t('portalsHeading')}</h3>
      <p class="hint">{t('portalsExplain')}</p>
      <OriginList
        origins={account.origins}
        empty={t('noPortals')}
        action={t('removeButton')}
        onAction={(origin) =>
          save(
            account.origins.filter((o) => o !== origin),
            t('portalRemovedNotice', origin),
          )
        }
      />
      {activeOrigin && !account.origins.includes(activeOrigin) && (
        <button
          type="button"
          onClick={() => save([...account.origins, activeOrigin], t('portalAddedNotice', activeOrigin))}
        >
          {t('bindThisPortalButton', new URL(activeOrigin).host)}
        </button>
      )}
      <AddOriginForm label={t('addPortalLabel')} button={t('addPortalButton')} error={error} onAdd={add} />
      <Notice kind="success">{status}</Notice>
    </section>
  );
}

import { useState } from 'preact/hooks';
import { failureText } from '@/lib/failure-text';
import { t } from '@/lib/i18n';
import { MasterPasswordField, useMasterPassword } from '../shared/MasterPasswordField';
import { Notice } from '../shared/Notice';
import { request, type Send } from '../shared/platform';

/**
 * One account as a QR code an authenticator app on a phone can scan, behind the master password
 * (the code carries the secret). Shown until hidden or the screen is left; never stored.
 */
export function AccountQr({ send, accountId, name }: { send: Send; accountId: string; name: string }) {
  const [open, setOpen] = useState(false);
  const master = useMasterPassword();
  const [uri, setUri] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The QR encoder loads only when a code is shown: the popup's first screen does not pay for it.
  const [qrCode, setQrCode] = useState<typeof import('../shared/QrCode').QrCode | null>(null);

  async function show(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (master.password === '') return master.setError(t('errorEmptyPassword'));
    setBusy(true);
    const reply = await request(send, { type: 'account-qr', id: accountId, password: master.password });
    setBusy(false);
    master.clear();
    if (!reply.ok) return master.setError(failureText(reply));
    const { QrCode } = await import('../shared/QrCode');
    setQrCode(() => QrCode);
    setUri(reply.uri);
  }

  function hide() {
    setUri(null);
    setOpen(false);
  }

  const QrCode = qrCode;
  return (
    <section class="account-qr" aria-labelledby="account-qr-heading">
      <h3 id="account-qr-heading">{t('accountQrHeading')}</h3>
      {uri !== null && QrCode !== null ? (
        <>
          <p class="warning">{t('accountQrWarning')}</p>
          <QrCode text={uri} label={t('accountQrLabel', name)} />
          <button type="button" onClick={hide}>
            {t('accountQrHide')}
          </button>
        </>
      ) : open ? (
        <form onSubmit={show} noValidate>
          <MasterPasswordField {...master.field} hint={t('accountQrPasswordHint')} autoFocus />
          <button type="submit" disabled={busy}>
            {t('accountQrShow')}
          </button>
        </form>
      ) : (
        <button type="button" onClick={() => setOpen(true)}>
          {t('accountQrOpen')}
        </button>
      )}
      {!open && <Notice kind="error">{master.error}</Notice>}
    </section>
  );
}

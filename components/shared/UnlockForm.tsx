import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { failureText } from '@/lib/failure-text';
import type { PasskeyInfo } from '@/lib/vault/passkey-slots';
import { MasterPasswordField, useMasterPassword } from './MasterPasswordField';
import type { PasskeyPort } from './passkey-port';
import { request, type Send } from './platform';

export interface UnlockFormProps {
  send: Send;
  onUnlocked(): void;
  autoLockMinutes: number;
  autoFocus?: boolean;
  /** The browser's passkey prompt; with it, a vault that has passkeys offers them first. */
  passkeys?: PasskeyPort;
}

/** The master password, once per session (or a passkey); says how soon the vault will lock again. */
export function UnlockForm({ send, onUnlocked, autoLockMinutes, autoFocus = true, passkeys }: UnlockFormProps) {
  const master = useMasterPassword();
  const [busy, setBusy] = useState(false);
  const [offered, setOffered] = useState<PasskeyInfo[]>([]);

  useEffect(() => {
    if (!passkeys?.available) return;
    void request(send, { type: 'passkey-list' }).then((reply) => {
      if (reply.ok && reply.allowed) setOffered(reply.passkeys);
    });
  }, [send, passkeys]);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (master.password === '') return master.setError(t('errorEmptyPassword'));
    setBusy(true);
    const reply = await request(send, { type: 'vault-unlock', password: master.password });
    setBusy(false);
    if (reply.ok) return onUnlocked();
    master.setError(failureText(reply));
  }

  async function unlockWithPasskey() {
    if (busy || !passkeys) return;
    master.setError(null);
    setBusy(true);
    const answer = await passkeys.evaluate(offered);
    const reply = answer.ok
      ? await request(send, { type: 'vault-unlock-passkey', credentialId: answer.credentialId, prf: answer.prf })
      : answer;
    setBusy(false);
    if (reply.ok) return onUnlocked();
    master.setError(failureText(reply));
  }

  const withPasskey = offered.length > 0;
  return (
    <form class="screen unlock" onSubmit={submit} noValidate aria-labelledby="unlock-heading">
      <h2 id="unlock-heading">{t('unlockHeading')}</h2>
      {withPasskey && (
        <>
          <button
            type="button"
            class="primary"
            data-role="unlock-passkey"
            disabled={busy}
            onClick={() => void unlockWithPasskey()}
          >
            {t('unlockWithPasskeyButton')}
          </button>
          <p class="hint">{t('unlockOrPassword')}</p>
        </>
      )}
      <MasterPasswordField {...master.field} autoFocus={autoFocus} />
      <button type="submit" class={withPasskey ? undefined : 'primary'} disabled={busy}>
        {busy ? t('unlockingButton') : t('unlockButton')}
      </button>
      <p class="hint">{t('autoLockNote', String(autoLockMinutes))}</p>
    </form>
  );
}

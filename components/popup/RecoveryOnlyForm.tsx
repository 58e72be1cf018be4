import { useId, useState } from 'preact/hooks';
import { failureText } from '@/lib/failure-text';
import { t } from '@/lib/i18n';
import { Field } from '../shared/Field';
import { Notice } from '../shared/Notice';
import { request, type Send } from '../shared/platform';
import { RecoveryCodesInput } from './RecoveryCodesInput';

export interface RecoveryOnlyFormProps {
  send: Send;
  /** The portal typed (or suggested) above, as origins. */
  origins(): string[];
  onAdded(id: string): void;
}

/**
 * For a portal on Bitrix24's push two-factor, which gives no authenticator key: the login and its
 * recovery codes (pasted, or Bitrix's recovery_codes.txt), kept to fill one when the phone is gone.
 */
export function RecoveryOnlyForm({ send, origins, onAdded }: RecoveryOnlyFormProps) {
  const id = useId();
  const [login, setLogin] = useState('');
  const [codes, setCodes] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const reply = await request(send, { type: 'account-add-recovery', label: login, origins: origins(), codes });
    setBusy(false);
    if (reply.ok) return onAdded(reply.id);
    setFailure(failureText(reply));
  }

  return (
    <form class="section" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('recoveryOnlyHeading')}</h3>
      <p class="hint">{t('recoveryOnlyExplain')}</p>
      <Field label={t('recoveryOnlyLoginLabel')} value={login} onInput={setLogin} verbatim name="recovery-login" />
      <RecoveryCodesInput value={codes} onInput={setCodes} />
      <Notice kind="error">{failure}</Notice>
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t('recoveryOnlyAddButton')}
        </button>
      </div>
    </form>
  );
}

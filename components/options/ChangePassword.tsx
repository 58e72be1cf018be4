import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { failureText } from '@/lib/failure-text';
import { MasterPasswordField } from '../shared/MasterPasswordField';
import { NewPasswordFields, useNewPassword } from '../shared/NewPasswordFields';
import { Notice } from '../shared/Notice';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from '../shared/password-policy';
import { request, type Send } from '../shared/platform';

/** A new master password, proven by the current one; the accounts stay as they are. */
export function ChangePassword({
  send,
  policy = DEFAULT_PASSWORD_POLICY,
  managed,
}: {
  send: Send;
  policy?: PasswordPolicy;
  managed?: boolean;
}) {
  const [current, setCurrent] = useState('');
  const newPassword = useNewPassword(policy);
  const [currentError, setCurrentError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setDone(false);
    setError(null);
    setCurrentError(current === '' ? t('errorEmptyPassword') : null);
    if (!newPassword.check() || current === '' || busy) return;
    setBusy(true);
    const reply = await request(send, {
      type: 'vault-change-password',
      password: current,
      newPassword: newPassword.fields.password,
    });
    setBusy(false);
    if (!reply.ok)
      return reply.code === 'wrong-password' ? setCurrentError(failureText(reply)) : setError(failureText(reply));
    setCurrent('');
    newPassword.clear();
    setDone(true);
  }

  return (
    <section class="card" aria-labelledby="change-password-heading">
      <h2 id="change-password-heading">{t('changePasswordHeading')}</h2>
      <p class="hint">{t('createNoRecovery')}</p>
      <form onSubmit={submit} noValidate>
        <MasterPasswordField
          label={t('currentPasswordLabel')}
          value={current}
          onInput={setCurrent}
          error={currentError}
        />
        <NewPasswordFields {...newPassword.fields} managed={managed} passwordLabel={t('newMasterPasswordLabel')} />
        <button type="submit" disabled={busy}>
          {t('changePasswordButton')}
        </button>
      </form>
      <Notice kind="error">{error}</Notice>
      <Notice kind="success">{done ? t('passwordChangedNotice') : null}</Notice>
    </section>
  );
}

import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { failureText } from '@/lib/failure-text';
import { NewPasswordFields, useNewPassword } from './NewPasswordFields';
import { Notice } from './Notice';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from './password-policy';
import { request, type Send } from './platform';

export interface CreateVaultProps {
  send: Send;
  onCreated(): void;
  policy?: PasswordPolicy | undefined;
  managed?: boolean | undefined;
}

/** First run: choose the master password, knowing what it protects and that it cannot be recovered. */
export function CreateVault({ send, onCreated, policy = DEFAULT_PASSWORD_POLICY, managed }: CreateVaultProps) {
  const newPassword = useNewPassword(policy);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (!newPassword.check() || busy) return;
    setBusy(true);
    const reply = await request(send, { type: 'vault-create', password: newPassword.fields.password });
    setBusy(false);
    if (reply.ok) onCreated();
    else setFailure(failureText(reply));
  }

  return (
    <form class="screen create-vault" onSubmit={submit} noValidate aria-labelledby="create-vault-heading">
      <h2 id="create-vault-heading">{t('createHeading')}</h2>
      <p>{t('createExplain')}</p>
      <p class="warning">{t('createNoRecovery')}</p>
      <NewPasswordFields {...newPassword.fields} managed={managed} autoFocus />
      <Notice kind="error">{failure}</Notice>
      <button type="submit" class="primary" disabled={busy}>
        {t('createButton')}
      </button>
    </form>
  );
}

import { useLayoutEffect } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { useFocusOnMount } from '../shared/use-focus-on-mount';
import type { AccountSummary } from '@/lib/protocol';
import type { Send } from '../shared/platform';
import { accountName } from './account-order';
import { BoundPortals } from './BoundPortals';
import { DeleteAccount } from './DeleteAccount';
import { HotpCounter } from './HotpCounter';
import { AccountQr } from './AccountQr';
import { RecoveryCodes } from './RecoveryCodes';
import { RenameForm } from './RenameForm';

export interface AccountDetailsProps {
  send: Send;
  account: AccountSummary;
  activeOrigin: string | null;
  onChanged(account: AccountSummary): void;
  onDeleted(): void;
  onBack(): void;
  /** False when the administrator forbids export: no QR code of the secret either. */
  exportAllowed?: boolean;
}

/** Everything about one account beyond its code. Escape goes back to the list. */
export function AccountDetails({
  send,
  account,
  activeOrigin,
  onChanged,
  onDeleted,
  onBack,
  exportAllowed = true,
}: AccountDetailsProps) {
  const name = accountName(account);
  const back = useFocusOnMount<HTMLButtonElement>();
  // On the document, so Escape works wherever focus is, even after a click on blank space; in a
  // layout effect, so it works from the moment the screen is shown (CI pressed it before an effect ran).
  useLayoutEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      onBack();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onBack]);
  return (
    <div class="screen details">
      <div class="screen-title">
        <button
          type="button"
          class="icon"
          ref={back}
          onClick={onBack}
          aria-label={t('backButton')}
          title={t('backButton')}
        >
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
            <path d="M15 5l-7 7 7 7" fill="none" stroke="currentColor" stroke-width="2.5" />
          </svg>
        </button>
        <h2>{name}</h2>
      </div>
      <p class="hint">
        {account.type === 'totp' ? t('typeTotp') : account.type === 'hotp' ? t('typeHotp') : t('typeRecovery')}
      </p>
      <RenameForm send={send} account={account} onSaved={onChanged} />
      <BoundPortals send={send} account={account} activeOrigin={activeOrigin} onSaved={onChanged} />
      {account.type === 'hotp' && (
        <HotpCounter send={send} account={account} onSaved={(counter) => onChanged({ ...account, counter })} />
      )}
      <RecoveryCodes send={send} accountId={account.id} />
      {exportAllowed && account.type !== 'recovery' && <AccountQr send={send} accountId={account.id} name={name} />}
      <DeleteAccount send={send} accountId={account.id} name={name} onDeleted={onDeleted} />
    </div>
  );
}

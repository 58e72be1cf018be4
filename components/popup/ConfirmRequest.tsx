import { t } from '@/lib/i18n';
import type { Confirmation } from '@/lib/protocol';
import { FocusedButton } from '../shared/FocusedButton';

/**
 * What a page asked for that the user allows here, in the extension's own window, which no page can
 * draw over: a recovery code into that page, or replacing an account's authenticator. It names the
 * portal and the account; focus starts on Cancel, so a stray Enter allows nothing.
 */
export function ConfirmRequest({
  confirmation,
  onAnswer,
}: {
  confirmation: Confirmation;
  onAnswer(accept: boolean): void;
}) {
  const account = confirmation.issuer ? `${confirmation.label} (${confirmation.issuer})` : confirmation.label;
  const recovery = confirmation.kind === 'recovery-fill';
  return (
    <section class="section" aria-labelledby="confirm-heading">
      <h2 id="confirm-heading">{t(recovery ? 'confirmRecoveryHeading' : 'confirmReplaceHeading')}</h2>
      <p class={recovery ? undefined : 'warning'}>
        {t(recovery ? 'confirmRecoveryText' : 'confirmReplaceText', [confirmation.origin, account])}
      </p>
      <div class="actions">
        <FocusedButton onClick={() => onAnswer(false)}>{t('cancelButton')}</FocusedButton>
        <button type="button" class={recovery ? 'primary' : 'destructive'} onClick={() => onAnswer(true)}>
          {t(recovery ? 'confirmRecoveryButton' : 'confirmReplaceButton')}
        </button>
      </div>
    </section>
  );
}

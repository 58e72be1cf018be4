import { t } from '@/lib/i18n';
import type { AccountSummary } from '@/lib/protocol';
import { accountName, accountTitle } from './account-order';
import { groupCode } from './code-format';
import { Countdown } from './Countdown';

export interface AccountRowProps {
  account: AccountSummary;
  /** TOTP: the background's current code. HOTP: the code last handed out in this popup, if any. */
  code: string | null;
  index: number;
  total: number;
  top: number;
  /** For the TOTP countdown. */
  now: number;
  copied: boolean;
  /** The active tab is this account's portal: offer to fill. */
  canFill: boolean;
  onCopy(account: AccountSummary, code: string): void;
  onNext(account: AccountSummary): void;
  onFill(account: AccountSummary): void;
  onDetails(account: AccountSummary): void;
}

/** One account: who it is, its live code (click copies), the countdown or next-code, fill and details. */
export function AccountRow(props: AccountRowProps) {
  const { account, code } = props;
  const name = accountName(account);
  const title = accountTitle(account);
  const grouped = code === null ? null : groupCode(code);
  const recovery = account.type === 'recovery';
  const instead = t(recovery ? 'recoveryOnlyRow' : 'nextCodeButton');
  return (
    <li
      class="account"
      style={{ top: `${props.top}px` }}
      aria-posinset={props.index + 1}
      aria-setsize={props.total}
      data-index={props.index}
      data-account-id={account.id}
    >
      <div class="account-names">
        {title && title !== account.label && <span class="account-title">{title}</span>}
        <span class="account-login">{account.label}</span>
      </div>
      {!recovery && grouped !== null && code !== null ? (
        <button
          type="button"
          class="code"
          data-nav="code"
          data-copied={props.copied ? '' : undefined}
          aria-label={`${grouped} — ${t('copyCodeLabel', name)}`}
          onClick={() => props.onCopy(account, code)}
        >
          {grouped}
        </button>
      ) : (
        // No code to show: a recovery-only account opens its details, an HOTP one asks for its next code.
        <button
          type="button"
          class="next-code"
          data-nav="code"
          onClick={() => (recovery ? props.onDetails(account) : props.onNext(account))}
          aria-label={`${instead} — ${name}`}
        >
          {instead}
        </button>
      )}
      {account.type === 'totp' && account.expiresAt !== null && (
        <Countdown expiresAt={account.expiresAt} period={account.period} now={props.now} />
      )}
      {account.type === 'hotp' && grouped !== null && (
        <button
          type="button"
          class="icon"
          onClick={() => props.onNext(account)}
          aria-label={`${t('nextCodeButton')} — ${name}`}
          title={t('nextCodeButton')}
        >
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
            <path d="M17.7 6.3A8 8 0 1 0 20 12h-2a6 6 0 1 1-1.8-4.3L13 11h7V4z" fill="currentColor" />
          </svg>
        </button>
      )}
      {props.canFill && (
        <button
          type="button"
          class="fill"
          data-nav="fill"
          onClick={() => props.onFill(account)}
          aria-label={`${t('fillButton')} — ${name}`}
        >
          {t('fillButton')}
        </button>
      )}
      <button
        type="button"
        class="icon details"
        data-nav="details"
        onClick={() => props.onDetails(account)}
        aria-label={`${t('detailsButton')} — ${name}`}
        title={t('detailsButton')}
      >
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <circle cx="5" cy="12" r="2" fill="currentColor" />
          <circle cx="12" cy="12" r="2" fill="currentColor" />
          <circle cx="19" cy="12" r="2" fill="currentColor" />
        </svg>
      </button>
    </li>
  );
}

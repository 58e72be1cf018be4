import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { AccountSummary, FillKind } from '@/lib/protocol';
import { failureText } from '@/lib/failure-text';
import { Notice } from '../shared/Notice';
import { request, type Send } from '../shared/platform';
import { AccountList } from './AccountList';
import { BackupReminder } from './BackupReminder';
import type { ActiveTab, ClipboardPort, Timers } from './popup-platform';

export interface PopupHomeProps {
  send: Send;
  accounts: readonly AccountSummary[];
  unreadable: number;
  activeTab: ActiveTab | null;
  activeOrigin: string | null;
  /** What the active tab asks for, when it shows a code field: then accounts bound to it offer Fill. */
  fillKind: FillKind | null;
  now: number;
  clipboard: ClipboardPort;
  timers: Timers;
  onAccountChanged(account: AccountSummary): void;
  onDetails(account: AccountSummary): void;
  onAdd(): void;
  /** The backup reminder's "Back up now". */
  onBackUp(): void;
}

type Message = { kind: 'success' | 'error'; text: string } | null;

/** The account list and what its buttons do: copy, next HOTP code, fill. */
export function PopupHome(props: PopupHomeProps) {
  const { send, timers } = props;
  const [hotpCodes, setHotpCodes] = useState<Record<string, string>>({});
  const [copiedId, setCopiedId] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);

  async function copy(account: AccountSummary, code: string) {
    // Asked for together with the copy, so it is on its way even if the popup closes right after:
    // the background clears only a clipboard that still holds this code, so a failed copy is harmless.
    const clearing = request(send, { type: 'clipboard-copied', code }).catch(() => null);
    try {
      await props.clipboard.write(code);
    } catch {
      return setMessage({ kind: 'error', text: t('copyFailed') });
    }
    setCopiedId(account.id);
    timers.setTimeout(() => setCopiedId((current) => (current === account.id ? null : current)), 1500);
    // Say "cleared in N s" only once the background has taken it on.
    const reply = await clearing;
    const seconds = reply?.ok ? reply.clearAfterSeconds : 0;
    setMessage({ kind: 'success', text: seconds > 0 ? t('copiedClearsNotice', String(seconds)) : t('copiedNotice') });
  }

  async function next(account: AccountSummary) {
    const reply = await request(send, { type: 'hotp-next', id: account.id });
    if (!reply.ok) return setMessage({ kind: 'error', text: failureText(reply) });
    setHotpCodes((codes) => ({ ...codes, [account.id]: reply.code }));
    props.onAccountChanged({ ...account, counter: reply.counter + 1 });
  }

  async function fill(account: AccountSummary) {
    const tabId = props.activeTab?.id;
    if (tabId === undefined || !props.fillKind) return;
    setMessage(null);
    // An account of recovery codes only fills a recovery code wherever the page asks for a code.
    const kind = props.fillKind === 'recovery' || account.type === 'recovery' ? { kind: 'recovery' as const } : {};
    const reply = await request(send, { type: 'fill', tabId, accountId: account.id, ...kind });
    if (!reply.ok) return setMessage({ kind: 'error', text: failureText(reply) });
    if (!reply.filled) return setMessage({ kind: 'error', text: reply.note || t('notFilledNotice') });
    setMessage({ kind: 'success', text: reply.note ? `${t('filledNotice')} ${reply.note}` : t('filledNotice') });
  }

  return (
    <div class="screen home">
      {props.unreadable > 0 && <p class="warning">{t('unreadableNotice', String(props.unreadable))}</p>}
      <AccountList
        accounts={props.accounts}
        activeOrigin={props.activeOrigin}
        hotpCodes={hotpCodes}
        now={props.now}
        copiedId={copiedId}
        canFill={props.activeTab !== null && props.fillKind !== null}
        onCopy={copy}
        onNext={next}
        onFill={fill}
        onDetails={props.onDetails}
      />
      {/* Below the list: it arrives after the rows are drawn and must not move them under the pointer. */}
      {props.accounts.length > 0 && <BackupReminder send={send} onBackUp={props.onBackUp} />}
      {props.accounts.length === 0 && (
        <button type="button" class="primary" onClick={props.onAdd}>
          {t('addFirstAccountButton')}
        </button>
      )}
      <Notice kind="error">{message?.kind === 'error' ? message.text : null}</Notice>
      <Notice kind="success">{message?.kind === 'success' ? message.text : null}</Notice>
    </div>
  );
}

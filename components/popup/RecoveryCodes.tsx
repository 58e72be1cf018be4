import { useEffect, useId, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { ShownRecoveryStatus } from '@/lib/policy/recovery-view';
import { failureText } from '@/lib/failure-text';
import { Notice } from '../shared/Notice';
import { request, type Send } from '../shared/platform';
import { RecoveryCodesInput } from './RecoveryCodesInput';

/**
 * The account's Bitrix24 recovery codes: how many are left, which were used, and saving a new set
 * from `recovery_codes.txt` or pasted text. Marking a code unused is for a code that was handed
 * out but never reached the portal. When the administrator forbids export the background sends
 * no list (`codesHidden`), and the screen says why.
 */
export function RecoveryCodes({ send, accountId }: { send: Send; accountId: string }) {
  const [status, setStatus] = useState<ShownRecoveryStatus | null>(null);
  const [text, setText] = useState('');
  const [replace, setReplace] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [rejected, setRejected] = useState<string[]>([]);
  const id = useId();

  async function load() {
    const reply = await request(send, { type: 'recovery-status', accountId });
    if (reply.ok) setStatus(reply);
    else setError(failureText(reply));
  }
  useEffect(() => void load(), [accountId]);

  async function save(event: Event) {
    event.preventDefault();
    setResult(null);
    setRejected([]);
    if (text.trim() === '') return setError(t('errorNoCodes'));
    const reply = await request(send, { type: 'recovery-import', accountId, text, replace });
    if (!reply.ok) return setError(failureText(reply));
    setError(null);
    setText('');
    setReplace(false);
    setResult(t('recoveryImportedNotice', String(reply.imported)));
    setRejected(reply.rejected.map((r) => `${r.input} — ${failureText({ code: r.code, message: r.reason })}`));
    await load();
  }

  async function markUnused(code: string) {
    const reply = await request(send, { type: 'recovery-mark-unused', accountId, code });
    if (!reply.ok) return setError(failureText(reply));
    setResult(t('markedUnusedNotice', code));
    await load();
  }

  const hasCodes = status !== null && status.total > 0;
  return (
    <section class="section recovery" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('recoveryHeading')}</h3>
      {status && (
        <p data-remaining={status.remaining}>
          {hasCodes ? t('recoveryRemaining', [String(status.remaining), String(status.total)]) : t('recoveryNone')}
        </p>
      )}
      {status?.warn && <p class="warning">{t('recoveryLow')}</p>}
      {hasCodes && status.codesHidden && (
        <p class="hint" data-role="recovery-codes-hidden">
          {t('recoveryCodesHidden')}
        </p>
      )}
      {hasCodes && !status.codesHidden && (
        <details>
          <summary>{t('recoveryShowCodes')}</summary>
          <ul class="recovery-codes">
            {status.codes.map((entry) => (
              <li key={entry.code} data-used={entry.used ? '' : undefined}>
                <code>{entry.code}</code>
                <span class="recovery-state">{entry.used ? t('recoveryUsed') : t('recoveryUnused')}</span>
                {entry.used && (
                  <button
                    type="button"
                    class="small"
                    onClick={() => markUnused(entry.code)}
                    aria-label={`${t('markUnusedButton')} — ${entry.code}`}
                  >
                    {t('markUnusedButton')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
      <form onSubmit={save} noValidate>
        <RecoveryCodesInput value={text} onInput={setText} />
        {hasCodes && (
          <label class="check">
            <input type="checkbox" checked={replace} onChange={(event) => setReplace(event.currentTarget.checked)} />
            {t('recoveryReplaceLabel')}
          </label>
        )}
        <button type="submit">{t('recoverySaveButton')}</button>
      </form>
      <Notice kind="error">{error}</Notice>
      <Notice kind="success">{result}</Notice>
      {rejected.length > 0 && (
        <ul class="report-list" aria-label={t('recoveryRejectedHeading')}>
          {rejected.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

import { useState } from 'preact/hooks';
import { t, type MessageKey } from '@/lib/i18n';
import type { ScanFinding } from '@/lib/qr/finding';
import { failureText } from '@/lib/failure-text';
import { Notice } from '../shared/Notice';
import { request, type Send } from '../shared/platform';

export interface ScanPanelProps {
  send: Send;
  /** The tab to scan; null where the popup has no web page under it (nothing to scan). */
  tabId: number | null;
  /** Decodes the QR codes in a picture the user chose. */
  readQrImage(file: Blob): Promise<ScanFinding[]>;
  /** Where the accounts found are bound, as typed in the portal field. */
  origins(): string[];
  onAdded(id: string): void;
  /** What a rectangle drawn on the page held, when the popup reopens after it. */
  initialFindings?: ScanFinding[] | undefined;
}

const NOT_ACCOUNT_KEYS: Record<'bitrix24-app' | 'microsoft-authenticator' | 'not-otp', MessageKey> = {
  'bitrix24-app': 'scanBitrix24App',
  'microsoft-authenticator': 'scanMicrosoftAuthenticator',
  'not-otp': 'scanNotOtp',
};

/** QR codes, from the page under the popup or from a picture, and adding what they hold. */
export function ScanPanel({ send, tabId, readQrImage, origins, onAdded, initialFindings }: ScanPanelProps) {
  const [findings, setFindings] = useState<ScanFinding[] | null>(initialFindings ?? null);
  const [selecting, setSelecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function scanPage() {
    if (tabId === null) return;
    setBusy(true);
    setError(null);
    const reply = await request(send, { type: 'scan-tab', tabId });
    setBusy(false);
    if (reply.ok) setFindings(reply.findings);
    else setError(failureText(reply));
  }

  /** Nothing found: the user drags a rectangle on the page; the popup reopens with the result. */
  async function selectArea() {
    if (tabId === null) return;
    const reply = await request(send, { type: 'scan-select', tabId });
    if (reply.ok) setSelecting(true);
    else setError(failureText(reply));
  }

  async function scanFile(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setFindings(await readQrImage(file));
    } catch {
      setError(t('scanImageUnreadable'));
    } finally {
      setBusy(false);
      input.value = '';
    }
  }

  /** Adds the links one by one; stops at the first refusal, which is shown. */
  async function add(uris: string[]) {
    let last = '';
    for (const uri of uris) {
      const reply = await request(send, { type: 'account-add', uri, origins: origins() });
      if (!reply.ok) return setError(failureText(reply));
      last = reply.id;
    }
    onAdded(last);
  }

  return (
    <section class="section scan" aria-labelledby="scan-heading">
      <h3 id="scan-heading">{t('scanHeading')}</h3>
      <div class="actions start">
        {tabId !== null && (
          <button type="button" onClick={scanPage} disabled={busy}>
            {t('scanPageButton')}
          </button>
        )}
        <label class="file-button">
          <input type="file" accept="image/*" onChange={scanFile} disabled={busy} class="visually-hidden" />
          {t('scanImageButton')}
        </label>
      </div>
      {findings !== null && findings.length === 0 && <p role="status">{t('scanNothingFound')}</p>}
      {findings !== null && findings.length === 0 && tabId !== null && !selecting && (
        <button type="button" onClick={selectArea}>
          {t('scanSelectAreaButton')}
        </button>
      )}
      {selecting && <p role="status">{t('scanSelectAreaHint')}</p>}
      {findings !== null && findings.length > 0 && (
        <ul class="plain-list findings" aria-label={t('scanFoundHeading')}>
          {findings.map((finding, index) => (
            <li key={index}>
              {finding.kind === 'account' && (
                <>
                  <span>
                    {[finding.issuer, finding.label].filter(Boolean).join(' — ')} (
                    {finding.type === 'totp' ? t('typeTotp') : t('typeHotp')})
                  </span>
                  <button
                    type="button"
                    class="small"
                    onClick={() => add([finding.uri])}
                    aria-label={`${t('addButton')} — ${[finding.issuer, finding.label].filter(Boolean).join(' — ')}`}
                  >
                    {t('addButton')}
                  </button>
                </>
              )}
              {finding.kind === 'accounts' && (
                <>
                  <span>{t('scanSeveralAccounts', String(finding.uris.length))}</span>
                  <button type="button" class="small" onClick={() => add(finding.uris)}>
                    {t('addAllButton')}
                  </button>
                </>
              )}
              {(finding.kind === 'bitrix24-app' ||
                finding.kind === 'microsoft-authenticator' ||
                finding.kind === 'not-otp') && <span>{t(NOT_ACCOUNT_KEYS[finding.kind])}</span>}
              {finding.kind === 'invalid' && <span>{failureText(finding)}</span>}
            </li>
          ))}
        </ul>
      )}
      <Notice kind="error">{error}</Notice>
    </section>
  );
}

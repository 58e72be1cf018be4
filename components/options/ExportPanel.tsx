import { useState } from 'preact/hooks';
import { t, type MessageKey } from '@/lib/i18n';
import type { ExportFormat, Replies } from '@/lib/protocol';
import { failureText } from '@/lib/failure-text';
import { Notice } from '../shared/Notice';
import { QrCode } from '../shared/QrCode';
import { request, type Send } from '../shared/platform';
import { FilePasswordField } from './FilePasswordField';

type ExportReply = Extract<Replies['accounts-export'], { ok: true }>;

/** Why Google Authenticator's format cannot take an account, in the user's language. */
const SKIPPED_KEYS: Record<string, MessageKey> = {
  'bad-type': 'exportSkipSteam',
  'bad-digits': 'exportSkipDigits',
  'bad-period': 'exportSkipPeriod',
  'too-long': 'exportSkipTooLong',
};

function skippedText(entry: { code: string; reason: string }): string {
  const key = SKIPPED_KEYS[entry.code];
  return key ? t(key) : failureText({ code: entry.code, message: entry.reason });
}

/** Accounts out to a phone app: a file for Aegis or any app that reads otpauth links, or Google's links. */
export function ExportPanel({
  send,
  download,
}: {
  send: Send;
  download(fileName: string, text: string, type: string): void;
}) {
  const [format, setFormat] = useState<ExportFormat>('otpauth');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ExportReply | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setError(null);
    setResult(null);
    const reply = await request(send, {
      type: 'accounts-export',
      format,
      password: format === 'aegis' && password ? password : undefined,
    });
    if (!reply.ok) return setError(failureText(reply));
    setResult(reply);
    if (reply.text !== null)
      download(reply.fileName, reply.text, format === 'aegis' ? 'application/json' : 'text/plain');
  }

  const formats: { value: ExportFormat; label: string }[] = [
    { value: 'otpauth', label: t('exportFormatOtpauth') },
    { value: 'aegis', label: t('exportFormatAegis') },
    { value: 'google-migration', label: t('exportFormatGoogle') },
  ];
  return (
    <section class="card" aria-labelledby="export-heading">
      <h2 id="export-heading">{t('exportHeading')}</h2>
      <p class="warning">{t('exportWarning')}</p>
      <form onSubmit={submit} noValidate>
        <fieldset class="choice">
          <legend>{t('exportFormatLegend')}</legend>
          {formats.map((option) => (
            <label key={option.value}>
              <input
                type="radio"
                name="export-format"
                checked={format === option.value}
                onChange={() => setFormat(option.value)}
              />
              {option.label}
            </label>
          ))}
        </fieldset>
        {format === 'aegis' && (
          <FilePasswordField
            label={t('exportPasswordLabel')}
            fresh
            value={password}
            onInput={setPassword}
            hint={t('exportPasswordHint')}
          />
        )}
        <button type="submit" class="primary">
          {t('exportButton')}
        </button>
      </form>
      <Notice kind="error">{error}</Notice>
      {result && (
        <div class="report" role="status">
          <p>
            {result.text !== null
              ? t('exportDone', result.fileName)
              : t('exportGoogleDone', String(result.uris.length))}
          </p>
          {result.uris.length > 0 && (
            <>
              <ol class="qr-codes" aria-label={t('exportGoogleQrList')}>
                {result.uris.map((uri, index) => (
                  <li key={uri}>
                    <QrCode
                      text={uri}
                      label={t('exportGoogleQrLabel', [String(index + 1), String(result.uris.length)])}
                    />
                    <span aria-hidden="true">
                      {index + 1} / {result.uris.length}
                    </span>
                  </li>
                ))}
              </ol>
              <div class="field">
                <label for="export-links">{t('exportGoogleLinksLabel')}</label>
                <textarea id="export-links" readOnly rows={4} value={result.uris.join('\n')} />
              </div>
            </>
          )}
          {result.skipped.length > 0 && (
            <ul class="report-list" aria-label={t('exportSkippedList')}>
              {result.skipped.map((entry, index) => (
                <li key={index}>
                  {entry.label}: {skippedText(entry)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

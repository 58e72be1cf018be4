import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { Replies } from '@/lib/protocol';
import { failureText } from '@/lib/failure-text';
import { Notice } from '../shared/Notice';
import { request, type Send } from '../shared/platform';
import { FileField } from './FileField';
import { FilePasswordField } from './FilePasswordField';
import { fileAsBase64, FORMAT_NAMES } from './file-bytes';

type ImportReport = Extract<Replies['accounts-import'], { ok: true }>;

/** Another authenticator's export, or one of this extension's backups, added to the vault. */
export function ImportPanel({ send }: { send: Send }) {
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setReport(null);
    setError(null);
    setPasswordError(null);
    if (!file) return setError(t('errorChooseFile'));
    setBusy(true);
    const data = await fileAsBase64(file);
    const reply = await request(send, {
      type: 'accounts-import',
      fileName: file.name,
      data,
      password: password || undefined,
    });
    setBusy(false);
    if (reply.ok) return setReport(reply);
    if (reply.code === 'password-required' || reply.code === 'wrong-password') setPasswordError(failureText(reply));
    else setError(failureText(reply));
  }

  return (
    <section class="card" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('importHeading')}</h2>
      <p class="hint">{t('importExplain')}</p>
      <form onSubmit={submit} noValidate>
        <FileField label={t('importFileLabel')} onFile={setFile} />
        <FilePasswordField
          label={t('importPasswordLabel')}
          value={password}
          onInput={setPassword}
          hint={t('importPasswordHint')}
          error={passwordError}
        />
        <button type="submit" class="primary" disabled={busy}>
          {t('importButton')}
        </button>
      </form>
      <Notice kind="error">{error}</Notice>
      {report && (
        <div class="report" role="status">
          <h3>{t('importReportHeading')}</h3>
          <ul>
            <li>{t('importReportFormat', FORMAT_NAMES[report.format] ?? report.format)}</li>
            <li data-count="imported">{t('importReportImported', String(report.imported))}</li>
            <li data-count="duplicates">{t('importReportDuplicates', String(report.duplicates))}</li>
            <li data-count="rejected">{t('importReportRejected', String(report.rejected.length))}</li>
          </ul>
          {report.rejected.length > 0 && (
            <ul class="report-list" aria-label={t('importReportRejectedList')}>
              {report.rejected.map((entry, index) => (
                <li key={index}>
                  {entry.entry}: {failureText({ code: entry.code, message: entry.reason })}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

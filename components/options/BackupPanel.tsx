import { useEffect, useState } from 'preact/hooks';
import type { BackupRecord } from '@/lib/backup/backup-record';
import { t } from '@/lib/i18n';
import { failureText } from '@/lib/failure-text';
import { Notice } from '../shared/Notice';
import { request, type Send } from '../shared/platform';
import type { StoragePersistence } from '../popup/popup-platform';
import { FileField } from './FileField';
import { FilePasswordField } from './FilePasswordField';

export interface BackupPanelProps {
  send: Send;
  /** Resolves to the file's content as handed to the browser. */
  download(fileName: string, text: string, type: string): Promise<string>;
  keepStorage(): Promise<StoragePersistence>;
  /** After a restore the vault holds other accounts. */
  onRestored(): void;
  /** False when an administrator's policy forbids export: no backup file can be saved. */
  exportAllowed?: boolean;
}

/**
 * The encrypted backup of the whole vault: save one (read back and checked), or put one back in
 * place of everything; when the last checked one was made, and whether the browser keeps the vault.
 */
export function BackupPanel({ send, download, keepStorage, onRestored, exportAllowed = true }: BackupPanelProps) {
  const [record, setRecord] = useState<BackupRecord | null | undefined>(undefined);
  const [storage, setStorage] = useState<StoragePersistence | null>(null);
  const refresh = () =>
    void request(send, { type: 'backup-status' }).then((reply) => setRecord(reply.ok ? reply.record : undefined));
  useEffect(() => {
    refresh();
    void keepStorage().then(setStorage);
  }, [send]);

  return (
    <section class="card" id="backup" aria-labelledby="backup-heading">
      <h2 id="backup-heading">{t('backupHeading')}</h2>
      <p class="hint">{t('backupExplain')}</p>
      {record !== undefined && (
        <p data-role="last-backup">
          {record
            ? t('backupLast', [
                new Date(record.at).toLocaleDateString(document.documentElement.lang || undefined),
                String(record.accounts),
                String(record.recoveryCodeSets),
              ])
            : t('backupLastNone')}
        </p>
      )}
      {storage && (
        <p data-role="storage-persistence" class={storage === 'persisted' ? 'hint' : 'warning'}>
          {t(storage === 'persisted' ? 'storagePersisted' : 'storageNotPersisted')}
        </p>
      )}
      {/* An administrator who forbids export forbids the backup file too: it holds every secret. */}
      {exportAllowed && <BackupExport send={send} download={download} onChecked={refresh} />}
      <BackupRestore send={send} onRestored={onRestored} />
    </section>
  );
}

function BackupExport({
  send,
  download,
  onChecked,
}: Pick<BackupPanelProps, 'send' | 'download'> & { onChecked(): void }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<{ field: 'password' | 'confirm' | 'form'; text: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setDone(null);
    if (password === '') return setError({ field: 'password', text: t('errorEmptyPassword') });
    if (confirm !== password) return setError({ field: 'confirm', text: t('passwordMismatch') });
    setError(null);
    const reply = await request(send, { type: 'backup-export', password });
    if (!reply.ok) return setError({ field: 'form', text: failureText(reply) });
    const saved = await download(reply.fileName, reply.text, 'application/json');
    // The file as the browser got it must open and hold what was written, or it is no backup.
    const checked = await request(send, { type: 'backup-verify', text: saved, password });
    setPassword('');
    setConfirm('');
    onChecked();
    if (!checked.ok) return setError({ field: 'form', text: failureText(checked) });
    setDone(t('backupSavedChecked', [reply.fileName, String(checked.accounts), String(checked.recoveryCodes)]));
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="backup-export-heading">
      <h3 id="backup-export-heading">{t('backupExportHeading')}</h3>
      <FilePasswordField
        label={t('backupPasswordLabel')}
        fresh
        value={password}
        onInput={setPassword}
        hint={t('backupPasswordHint')}
        error={error?.field === 'password' ? error.text : null}
      />
      <FilePasswordField
        label={t('confirmPasswordLabel')}
        fresh
        value={confirm}
        onInput={setConfirm}
        error={error?.field === 'confirm' ? error.text : null}
      />
      <button type="submit">{t('backupExportButton')}</button>
      <Notice kind="error">{error?.field === 'form' ? error.text : null}</Notice>
      <Notice kind="success">{done}</Notice>
    </form>
  );
}

function BackupRestore({ send, onRestored }: Pick<BackupPanelProps, 'send' | 'onRestored'>) {
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setDone(null);
    if (!file) return setError(t('errorChooseFile'));
    if (password === '') return setError(t('errorEmptyPassword'));
    const reply = await request(send, { type: 'backup-import', text: await file.text(), password });
    if (!reply.ok) return setError(failureText(reply));
    setError(null);
    setPassword('');
    setUnderstood(false);
    setDone(t('restoreDone', [String(reply.accounts), String(reply.recoveryCodes)]));
    onRestored();
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="backup-restore-heading">
      <h3 id="backup-restore-heading">{t('restoreHeading')}</h3>
      <p class="warning">{t('restoreWarning')}</p>
      <FileField label={t('restoreFileLabel')} accept=".json,application/json" onFile={setFile} />
      <FilePasswordField label={t('backupPasswordLabel')} value={password} onInput={setPassword} />
      <label class="check">
        <input type="checkbox" checked={understood} onChange={(event) => setUnderstood(event.currentTarget.checked)} />
        {t('restoreUnderstand')}
      </label>
      <button type="submit" class="destructive" disabled={!understood}>
        {t('restoreButton')}
      </button>
      <Notice kind="error">{error}</Notice>
      <Notice kind="success">{done}</Notice>
    </form>
  );
}

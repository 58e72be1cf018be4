import { useEffect, useState } from 'preact/hooks';
import type { BackupReminder as Reminder } from '@/lib/backup/backup-record';
import { t } from '@/lib/i18n';
import { request, type Send } from '../shared/platform';

export interface BackupReminderProps {
  send: Send;
  /** "Back up now": the options page's backup section. */
  onBackUp(): void;
}

/**
 * A vault with no backup, or only an old one, is lost with the browser profile: says so below the
 * list until a backup is made, or for a week after "Not now". Asked for after the list is drawn,
 * so the first code never waits for it.
 */
export function BackupReminder({ send, onBackUp }: BackupReminderProps) {
  const [reminder, setReminder] = useState<Reminder | null>(null);
  useEffect(() => {
    void request(send, { type: 'backup-status' }).then((reply) => setReminder(reply.ok ? reply.reminder : null));
  }, [send]);
  if (!reminder) return null;

  async function later() {
    setReminder(null);
    await request(send, { type: 'backup-reminder-snooze' });
  }

  return (
    <div class="reminder" role="status" aria-labelledby="backup-reminder-text">
      <p id="backup-reminder-text">
        {reminder.kind === 'never' ? t('backupReminderNever') : t('backupReminderStale', String(reminder.days))}
      </p>
      <div class="actions">
        <button type="button" class="primary" onClick={onBackUp}>
          {t('backupReminderNow')}
        </button>
        <button type="button" onClick={later}>
          {t('backupReminderLater')}
        </button>
      </div>
    </div>
  );
}

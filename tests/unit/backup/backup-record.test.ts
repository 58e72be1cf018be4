import { describe, expect, it } from 'vitest';
import { backupReminder, readBackupRecord, type BackupRecord } from '@/lib/backup';

const DAY = 24 * 60 * 60_000;
const NOW = Date.UTC(2026, 11, 2);
const record = (daysAgo: number): BackupRecord => ({ at: NOW - daysAgo * DAY, accounts: 3, recoveryCodeSets: 1 });
const ask = (over: Partial<Parameters<typeof backupReminder>[0]> = {}) =>
  backupReminder({ record: null, accounts: 3, now: NOW, days: 30, snoozedUntil: null, ...over });

describe('the backup reminder', () => {
  it('reminds of a vault never backed up', () => {
    expect(ask()).toEqual({ kind: 'never' });
  });

  it('reminds once the last backup is as old as the policy says, not before', () => {
    expect(ask({ record: record(29) })).toBeNull();
    expect(ask({ record: record(30) })).toEqual({ kind: 'stale', days: 30 });
    expect(ask({ record: record(45), days: 7 })).toEqual({ kind: 'stale', days: 45 });
  });

  it('says nothing for an empty vault, with the reminder off (0), or while snoozed', () => {
    expect(ask({ accounts: 0 })).toBeNull();
    expect(ask({ days: 0 })).toBeNull();
    expect(ask({ snoozedUntil: NOW + 1 })).toBeNull();
    expect(ask({ snoozedUntil: NOW })).toEqual({ kind: 'never' });
  });

  it('takes a backup dated in the future (a clock set back) as new, never as old', () => {
    expect(ask({ record: record(-400) })).toBeNull();
  });
});

describe('a stored backup record', () => {
  it('reads back what was stored', () => {
    expect(readBackupRecord(record(1))).toEqual(record(1));
  });

  it.each([
    null,
    'x',
    {},
    { at: 'now', accounts: 1, recoveryCodeSets: 0 },
    { at: 1, accounts: -1, recoveryCodeSets: 0 },
    { at: 1, accounts: 1.5, recoveryCodeSets: 0 },
  ])('counts %j as no backup', (stored) => {
    expect(readBackupRecord(stored)).toBeNull();
  });
});

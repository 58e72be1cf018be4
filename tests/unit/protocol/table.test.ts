import { describe, expect, it } from 'vitest';
import { MESSAGES, type MessageOf, type MessageType, parseMessage } from '@/lib/protocol';

const pixels = { width: 2, height: 1, data: 'AAAAAAAAAAA=' };

/**
 * One valid message of every type, with every field it can carry. Typed from the table: a new
 * message without a sample here, or a renamed field, fails type-checking before this test runs.
 */
const SAMPLES: { [T in MessageType]: Required<MessageOf<T>> } = {
  'page-state': { type: 'page-state', state: 'otp' },
  'fill-request': { type: 'fill-request', kind: 'otp', accountId: 'a1', card: { login: 'alice', name: null } },
  'enrol-request': {
    type: 'enrol-request',
    qr: [pixels],
    keyText: 'JBSW Y3DP',
    codeInputs: 2,
    userName: 'Alice',
  },
  'popup-request': { type: 'popup-request' },
  'scan-region-picked': { type: 'scan-region-picked', region: { x: 0, y: 0, width: 10, height: 10 } },
  'get-tab-state': { type: 'get-tab-state', tabId: 3 },
  'scan-tab': { type: 'scan-tab', tabId: 3, region: { x: 1, y: 2, width: 30, height: 40 } },
  'scan-select': { type: 'scan-select', tabId: 3 },
  'scan-last': { type: 'scan-last' },
  fill: { type: 'fill', tabId: 3, accountId: 'a1', kind: 'recovery' },
  'confirmation-get': { type: 'confirmation-get' },
  'confirmation-answer': { type: 'confirmation-answer', id: 'c1', accept: true },
  'popup-open': { type: 'popup-open', tabId: 7 },
  'vault-status': { type: 'vault-status' },
  'vault-create': { type: 'vault-create', password: 'p' },
  'vault-unlock': { type: 'vault-unlock', password: 'p' },
  'vault-lock': { type: 'vault-lock' },
  'vault-unlock-passkey': { type: 'vault-unlock-passkey', credentialId: 'AQID', prf: 'AQID' },
  'passkey-list': { type: 'passkey-list' },
  'account-qr': { type: 'account-qr', id: 'a', password: 'p' },
  'passkey-add': {
    type: 'passkey-add',
    password: 'p',
    credentialId: 'AQID',
    salt: 'AQID',
    prf: 'AQID',
    label: 'Laptop',
  },
  'passkey-remove': { type: 'passkey-remove', credentialId: 'AQID' },
  'vault-change-password': { type: 'vault-change-password', password: 'p', newPassword: 'q' },
  'vault-wipe': { type: 'vault-wipe' },
  'accounts-list': { type: 'accounts-list' },
  'account-add': {
    type: 'account-add',
    uri: 'otpauth://totp/A?secret=JBSWY3DPEHPK3PXP',
    origins: ['https://a.bitrix24.com'],
  },
  'account-add-recovery': {
    type: 'account-add-recovery',
    label: 'dan',
    origins: ['https://a.bitrix24.com'],
    codes: 'ab12-cd34',
  },
  'account-delete': { type: 'account-delete', id: 'a1' },
  'account-update': { type: 'account-update', id: 'a1', patch: { label: 'x', issuer: 'y', origins: [] } },
  'hotp-resync': { type: 'hotp-resync', id: 'a1', counter: 0 },
  'hotp-next': { type: 'hotp-next', id: 'a1' },
  'accounts-import': { type: 'accounts-import', fileName: 'a.txt', data: 'AA==', password: 'p' },
  'accounts-export': { type: 'accounts-export', format: 'aegis', password: 'p' },
  'settings-get': { type: 'settings-get' },
  'settings-set': { type: 'settings-set', patch: { autoLockMinutes: 5, language: 'pt_BR' } },
  'recovery-import': { type: 'recovery-import', accountId: 'a1', text: 'ab12-cd34', replace: false },
  'recovery-status': { type: 'recovery-status', accountId: 'a1' },
  'recovery-take': { type: 'recovery-take', accountId: 'a1' },
  'recovery-mark-unused': { type: 'recovery-mark-unused', accountId: 'a1', code: 'ab12-cd34' },
  'backup-export': { type: 'backup-export', password: 'p' },
  'backup-import': { type: 'backup-import', text: '{}', password: 'p' },
  'backup-verify': { type: 'backup-verify', text: '{}', password: 'p' },
  'backup-status': { type: 'backup-status' },
  'backup-reminder-snooze': { type: 'backup-reminder-snooze' },
  'clipboard-copied': { type: 'clipboard-copied', code: '123456' },
  'clipboard-settled': { type: 'clipboard-settled' },
};

const types = Object.keys(MESSAGES) as MessageType[];

describe('the message table', () => {
  it.each(types)('%s: a message with every field passes as it is, and extra fields are dropped', (type) => {
    const sample = SAMPLES[type];
    expect(parseMessage(sample)).toEqual(sample);
    expect(parseMessage({ ...sample, tabId: 1, origin: 'https://evil.example', secret: 'X' })).toEqual(
      'tabId' in sample ? { ...sample, tabId: 1 } : sample,
    );
  });

  it.each(types)('%s: each field is checked (a wrong type is refused; a required one cannot be left out)', (type) => {
    const sample: Record<string, unknown> = SAMPLES[type];
    for (const field of Object.keys(MESSAGES[type].fields)) {
      expect(parseMessage({ ...sample, [field]: Symbol('wrong') }), field).toBeNull();
      const { [field]: _, ...without } = sample;
      const optional = MESSAGES[type].fields[field as never] as (v: unknown) => boolean;
      if (optional(undefined)) expect(parseMessage(without), field).toEqual(without);
      else expect(parseMessage(without), field).toBeNull();
    }
  });

  it('content scripts may send only what a page reports; everything about the vault is for extension pages', () => {
    const from = (kind: string) => types.filter((type) => MESSAGES[type].from === kind).sort();
    expect(from('portal')).toEqual(['enrol-request', 'fill-request', 'page-state', 'popup-request']);
    expect(from('tab')).toEqual(['scan-region-picked']);
    expect(from('extension')).toHaveLength(types.length - 5);
  });

  it('every message that can add, change or drop accounts refreshes what depends on them', () => {
    const changesAccounts: MessageType[] = [
      'enrol-request',
      'account-add',
      'account-add-recovery',
      'account-update',
      'account-delete',
      'accounts-import',
      'backup-import',
      'vault-wipe',
    ];
    for (const type of changesAccounts) {
      const spec = MESSAGES[type] as { after?: readonly string[] };
      expect(spec.after, type).toContain('accounts-changed');
    }
  });
});

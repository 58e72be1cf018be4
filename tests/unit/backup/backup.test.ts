import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BackupError,
  decryptBackup,
  detectBackup,
  encryptBackup,
  headerAad,
  type BackupEnvelope,
  type BackupPayload,
} from '../../../lib/backup';
import { createVault, openSession, wipeVault } from '../../../lib/vault';
import { accountArb } from '../otp/arbitraries';
import { TEN_CODES, TEST_KDF, dump, errorCode, hotpInput, newVault, totpInput, type TestVault } from '../vault/helpers';

const BACKUP_PASSWORD = 'backup password';
const BACKUP_KDF = { kdf: { memoryKiB: 64, iterations: 1, parallelism: 1 }, allowWeakKdfForTesting: true } as const;

async function populated(): Promise<TestVault & { totp: string; hotp: string }> {
  const vault = await newVault({ clock: () => 1_700_000_000_000 });
  const totp = await vault.session.addAccount(totpInput());
  const hotp = await vault.session.addAccount(hotpInput(0));
  await vault.session.setRecoveryCodes(totp, TEN_CODES);
  await vault.session.takeRecoveryCode(totp);
  await vault.session.takeRecoveryCode(totp);
  for (let i = 0; i < 3; i++) await vault.session.nextHotpCode(hotp);
  await vault.session.setSettings({ autoLockMinutes: 15, fill: { auto: false } });
  return { ...vault, totp, hotp };
}

const envelopeOf = (text: string) => JSON.parse(text) as BackupEnvelope;
const edit = (text: string, change: (e: Record<string, any>) => void) => {
  const envelope = JSON.parse(text) as Record<string, any>;
  change(envelope);
  return JSON.stringify(envelope);
};

describe('export → wipe → import', () => {
  it('restores everything: ids, accounts, HOTP counters, used flags, settings', async () => {
    const vault = await populated();
    const accountsBefore = (await vault.session.listAccounts()).accounts.sort((a, b) => a.id.localeCompare(b.id));
    const codesBefore = await vault.session.recoveryStatus(vault.totp);
    const text = await vault.session.exportBackup(BACKUP_PASSWORD, BACKUP_KDF);

    await wipeVault(vault.db);
    const rawKey = await createVault(vault.db, 'a new master password', TEST_KDF);
    const session = await openSession(vault.db, rawKey);
    expect(await session.importBackup(text, BACKUP_PASSWORD)).toEqual({ accounts: 2, recoveryCodeSets: 1 });

    const { accounts, unreadable } = await session.listAccounts();
    expect(unreadable).toEqual([]);
    expect(accounts.sort((a, b) => a.id.localeCompare(b.id))).toEqual(accountsBefore);
    expect((await session.getAccount(vault.hotp)).counter).toBe(3);
    expect(await session.recoveryStatus(vault.totp)).toEqual(codesBefore);
    expect(codesBefore).toMatchObject({ total: 10, remaining: 8 });
    expect(await session.getSettings()).toEqual({ autoLockMinutes: 15, fill: { auto: false } });
    // And the restored vault works on: the next HOTP code continues the count, the next code is the third.
    expect((await session.nextHotpCode(vault.hotp)).counter).toBe(3);
    expect((await session.takeRecoveryCode(vault.totp)).code).toBe(TEN_CODES[2]);
  });

  it('replaces whatever the vault held before', async () => {
    const source = await populated();
    const text = await source.session.exportBackup(BACKUP_PASSWORD, BACKUP_KDF);
    const target = await newVault();
    const stale = await target.session.addAccount(totpInput('stale'));
    await target.session.setSettings({ stale: true });
    await target.session.importBackup(text, BACKUP_PASSWORD);
    const ids = (await target.session.listAccounts()).accounts.map((a) => a.id);
    expect(ids).not.toContain(stale);
    expect(ids.sort()).toEqual([source.totp, source.hotp].sort());
    expect(await target.session.getSettings()).toEqual({ autoLockMinutes: 15, fill: { auto: false } });
  });

  it('an empty vault exports and restores as empty', async () => {
    const vault = await newVault();
    const text = await vault.session.exportBackup(BACKUP_PASSWORD, BACKUP_KDF);
    const other = await populated();
    expect(await other.session.importBackup(text, BACKUP_PASSWORD)).toEqual({ accounts: 0, recoveryCodeSets: 0 });
    expect(await other.session.listAccounts()).toEqual({ accounts: [], unreadable: [] });
  });

  it('any set of accounts survives the backup format', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(accountArb(), { maxLength: 8 }), async (accounts) => {
        const payload: BackupPayload = {
          accounts: accounts.map((a, i) => ({ ...a, id: `id-${i}`, origins: ['https://x.bitrix24.com'] })),
          recoveryCodes: [],
          settings: {},
          exportedAt: 0,
        };
        const text = await encryptBackup(payload, 'pw', BACKUP_KDF);
        expect(await decryptBackup(text, 'pw')).toEqual(payload);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the file', () => {
  it('is the documented JSON envelope; nothing secret is readable in it', async () => {
    const vault = await populated();
    const text = await vault.session.exportBackup(BACKUP_PASSWORD, BACKUP_KDF);
    const envelope = envelopeOf(text);
    expect(Object.keys(envelope)).toEqual(['format', 'version', 'kdf', 'cipher', 'passwordCheck', 'data']);
    expect(envelope).toMatchObject({
      format: 'bitrix24-authenticator-backup',
      version: 1,
      kdf: { algorithm: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 },
      cipher: { algorithm: 'AES-256-GCM' },
    });
    expect(Buffer.from(envelope.kdf.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(envelope.cipher.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(envelope.passwordCheck, 'base64')).toHaveLength(32);
    for (const secret of ['JBSWY3DP', 'alice', 'c0d0-x0y0', 'bitrix24.com']) expect(text).not.toContain(secret);
  });

  it('the associated data is the header in the documented order', () => {
    const header = {
      format: 'bitrix24-authenticator-backup',
      version: 1,
      kdf: { algorithm: 'argon2id', memoryKiB: 19456, iterations: 2, parallelism: 1, salt: 'AAAAAAAAAAAAAAAAAAAAAA==' },
      cipher: { algorithm: 'AES-256-GCM', iv: 'AAAAAAAAAAAAAAAA' },
      passwordCheck: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    } as const;
    expect(headerAad(header)).toBe(
      '{"format":"bitrix24-authenticator-backup","version":1,"kdf":{"algorithm":"argon2id","memoryKiB":19456,"iterations":2,"parallelism":1,"salt":"AAAAAAAAAAAAAAAAAAAAAA=="},"cipher":{"algorithm":"AES-256-GCM","iv":"AAAAAAAAAAAAAAAA"},"passwordCheck":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}',
    );
  });

  it('uses the production key-derivation cost unless told otherwise, and keeps the floor', {
    timeout: 60_000,
  }, async () => {
    const vault = await newVault();
    expect(await errorCode(vault.session.exportBackup(BACKUP_PASSWORD, { kdf: { memoryKiB: 1024 } }))).toBe(
      'kdf-too-weak',
    );
    const text = await vault.session.exportBackup(BACKUP_PASSWORD);
    expect(envelopeOf(text).kdf).toMatchObject({ memoryKiB: 65_536, iterations: 3, parallelism: 4 });
  });

  it('refuses an empty backup password', async () => {
    const vault = await newVault();
    expect(await errorCode(vault.session.exportBackup('', BACKUP_KDF))).toBe('empty-password');
  });

  it('detectBackup recognises ours, damaged ones included, and nothing else', async () => {
    const vault = await populated();
    const text = await vault.session.exportBackup(BACKUP_PASSWORD, BACKUP_KDF);
    expect(detectBackup(text)).toBe(true);
    expect(detectBackup(`\uFEFF${JSON.stringify(JSON.parse(text))}`)).toBe(true);
    expect(detectBackup(text.slice(0, 200))).toBe(true);
    for (const other of [
      '',
      'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP',
      '{"version":1,"header":{"slots":null},"db":{}}',
      '{"format":"something-else"}',
      '[{"format":"bitrix24-authenticator-backup"}]',
      '1. ab12-cd34\r\n',
    ]) {
      expect(detectBackup(other)).toBe(false);
    }
  });
});

describe('a bad import changes nothing and says why', () => {
  async function setup() {
    const source = await populated();
    const text = await source.session.exportBackup(BACKUP_PASSWORD, BACKUP_KDF);
    const target = await populated();
    const before = await dump(target.db);
    const attempt = async (file: string, password = BACKUP_PASSWORD) => {
      const error = await target.session.importBackup(file, password).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupError);
      expect(await dump(target.db)).toEqual(before);
      return (error as BackupError).code;
    };
    return { text, attempt };
  }

  it('wrong password', async () => {
    const { text, attempt } = await setup();
    expect(await attempt(text, 'not the password')).toBe('wrong-password');
    expect(await attempt(text, '')).toBe('empty-password');
  });

  it('truncated anywhere', async () => {
    const { text, attempt } = await setup();
    const data = envelopeOf(text).data;
    expect(await attempt(text.slice(0, text.length / 2))).toBe('corrupt');
    expect(await attempt(text.replace(data, data.slice(0, data.length - 8)))).toBe('corrupt');
    expect(await attempt(text.replace(data, data.slice(0, 12)))).toBe('corrupt');
  });

  it('a flipped byte in the ciphertext', async () => {
    const { text, attempt } = await setup();
    const bytes = Buffer.from(envelopeOf(text).data, 'base64');
    bytes[10] = (bytes[10] ?? 0) ^ 1;
    expect(await attempt(edit(text, (e) => (e.data = bytes.toString('base64'))))).toBe('corrupt');
  });

  it('every header field is bound: changing one fails', async () => {
    const { text, attempt } = await setup();
    const otherIv = Buffer.alloc(12, 7).toString('base64');
    expect(await attempt(edit(text, (e) => (e.cipher.iv = otherIv)))).toBe('corrupt');
    expect(await attempt(edit(text, (e) => (e.kdf.salt = Buffer.alloc(16, 1).toString('base64'))))).toBe(
      'wrong-password',
    );
    expect(await attempt(edit(text, (e) => (e.kdf.iterations = 2)))).toBe('wrong-password');
    expect(await attempt(edit(text, (e) => (e.passwordCheck = Buffer.alloc(32).toString('base64'))))).toBe(
      'wrong-password',
    );
    expect(await attempt(edit(text, (e) => (e.cipher.algorithm = 'AES-128-GCM')))).toBe('corrupt');
    expect(await attempt(edit(text, (e) => (e.kdf.algorithm = 'scrypt')))).toBe('corrupt');
    expect(await attempt(edit(text, (e) => (e.comment = 'hello')))).toBe('corrupt');
    expect(await attempt(edit(text, (e) => (e.kdf.extra = 1)))).toBe('corrupt');
    expect(await attempt(edit(text, (e) => (e.cipher.iv = `${e.cipher.iv as string}\n`)))).toBe('corrupt');
  });

  it('a newer version, an unknown version, another format', async () => {
    const { text, attempt } = await setup();
    expect(await attempt(edit(text, (e) => (e.version = 2)))).toBe('unsupported-version');
    expect(await attempt(edit(text, (e) => (e.version = '1')))).toBe('corrupt');
    expect(await attempt(edit(text, (e) => (e.version = 0)))).toBe('corrupt');
    expect(await attempt('{"format":"bitrix24-authenticator-backup-x","version":1}')).toBe('not-a-backup');
    expect(await attempt('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP')).toBe('not-a-backup');
    expect(await attempt('')).toBe('not-a-backup');
    expect(await attempt('x'.repeat(9 * 1024 * 1024))).toBe('too-large');
  });

  it('a hostile cost is refused at once, without running it', async () => {
    const { text, attempt } = await setup();
    const started = Date.now();
    expect(await attempt(edit(text, (e) => (e.kdf.memoryKiB = 4 * 1024 * 1024)))).toBe('unsafe-parameters');
    expect(await attempt(edit(text, (e) => (e.kdf.iterations = 1_000_000)))).toBe('unsafe-parameters');
    expect(await attempt(edit(text, (e) => (e.kdf.parallelism = 255)))).toBe('unsafe-parameters');
    expect(await attempt(edit(text, (e) => (e.kdf.memoryKiB = 0)))).toBe('corrupt');
    expect(await attempt(edit(text, (e) => (e.kdf.memoryKiB = 'lots')))).toBe('corrupt');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('contents that decrypt but are not a valid vault', async () => {
    const { attempt } = await setup();
    const valid = (overrides: Partial<BackupPayload>): BackupPayload => ({
      accounts: [],
      recoveryCodes: [],
      settings: {},
      exportedAt: 0,
      ...overrides,
    });
    const account = { id: 'a', type: 'totp', secret: 'JBSWY3DPEHPK3PXP', label: 'x' } as never;
    const bad: unknown[] = [
      valid({ accounts: [{ ...(account as object), secret: '!!' } as never] }),
      valid({ accounts: [account, account] }),
      valid({ accounts: [account], recoveryCodes: [{ accountId: 'missing', importedAt: 0, codes: [] }] }),
      valid({
        accounts: [account],
        recoveryCodes: [{ accountId: 'a', importedAt: 0, codes: [{ code: 'NOPE', used: false }] }],
      }),
      { ...valid({}), settings: [] },
      { ...valid({}), settings: { deep: JSON.parse('['.repeat(40) + ']'.repeat(40)) as unknown } },
      { accounts: 'many' },
    ];
    for (const payload of bad) {
      const text = await encryptBackup(payload as BackupPayload, BACKUP_PASSWORD, BACKUP_KDF);
      expect(await attempt(text)).toBe('corrupt');
    }
  });
});

describe('restoring needs an unlocked vault', () => {
  it('a session of a wiped vault cannot restore into it', async () => {
    const vault = await populated();
    const text = await vault.session.exportBackup(BACKUP_PASSWORD, BACKUP_KDF);
    await wipeVault(vault.db);
    expect(await errorCode(vault.session.importBackup(text, BACKUP_PASSWORD))).toBe('wrong-key');
    expect(await dump(vault.db)).toEqual({ meta: [], accounts: [], recovery: [], settings: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { encryptBackup, type BackupPayload } from '@/lib/backup';
import { createAccount } from '@/lib/account';
import { ImportError, importAccounts } from '@/lib/import';

const WEAK = { kdf: { memoryKiB: 64, iterations: 1, parallelism: 1 }, allowWeakKdfForTesting: true } as const;

const payload: BackupPayload = {
  accounts: [
    {
      ...createAccount({
        secret: 'JBSWY3DPEHPK3PXP',
        issuer: 'portal.example',
        label: 'alice',
        origins: ['https://portal.example'],
      }),
      id: 'a1',
    },
    {
      ...createAccount({ type: 'hotp', counter: 7, secret: 'GEZDGNBVGY3TQOJQ', issuer: 'intranet', label: 'bob' }),
      id: 'a2',
    },
  ],
  recoveryCodes: [],
  settings: {},
  exportedAt: 1_700_000_000_000,
};

const bytes = (text: string) => new TextEncoder().encode(text);

async function importError(run: Promise<unknown>): Promise<ImportError> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe("importing this extension's own backup", () => {
  it('reads its accounts, HOTP counter and bound portals included, and drops the vault ids', async () => {
    const text = await encryptBackup(payload, 'backup password', WEAK);
    const result = await importAccounts('bitrix24-authenticator.backup.json', bytes(text), {
      password: 'backup password',
    });
    expect(result.format).toBe('own-backup');
    expect(result.accounts).toEqual(payload.accounts.map(({ id: _id, ...account }) => account));
    expect(result.report).toMatchObject({ imported: 2, duplicates: 0, rejected: [] });
  });

  it('counts accounts already in the vault as duplicates', async () => {
    const text = await encryptBackup(payload, 'pw', WEAK);
    const result = await importAccounts('b.json', bytes(text), { password: 'pw', existing: [payload.accounts[0]!] });
    expect(result.report).toMatchObject({ imported: 1, duplicates: 1 });
  });

  it('asks for the password, and says when it is wrong', async () => {
    const text = await encryptBackup(payload, 'right', WEAK);
    expect((await importError(importAccounts('b.json', bytes(text)))).code).toBe('password-required');
    expect((await importError(importAccounts('b.json', bytes(text), { password: 'wrong' }))).code).toBe(
      'wrong-password',
    );
  });

  it('calls a tampered backup damaged', async () => {
    const envelope = JSON.parse(await encryptBackup(payload, 'pw', WEAK));
    const data = Buffer.from(envelope.data, 'base64');
    data[data.length - 1]! ^= 1;
    envelope.data = data.toString('base64');
    const error = await importError(importAccounts('b.json', bytes(JSON.stringify(envelope)), { password: 'pw' }));
    expect(error.code).toBe('corrupt');
  });
});

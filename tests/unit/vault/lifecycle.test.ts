import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KDF_COST, KDF_FLOOR } from '../../../lib/crypto';
import {
  KdfError,
  VaultError,
  changePassword,
  createVault,
  openSession,
  rekeyIfWeaker,
  unlockVault,
  vaultStatus,
  wipeVault,
  type VaultMeta,
} from '../../../lib/vault';
import { META_KEY } from '../../../lib/vault/schema';
import { PASSWORD, TEST_KDF, dump, errorCode, freshDb, newVault, totpInput } from './helpers';

const meta = async (db: Awaited<ReturnType<typeof freshDb>>): Promise<VaultMeta> => {
  const value = await db.get('meta', META_KEY);
  if (value === undefined) throw new Error('no meta');
  return value;
};

describe('creating and unlocking', () => {
  it('an empty database is empty; after creating, locked', async () => {
    const db = await freshDb();
    expect(await vaultStatus(db)).toBe('empty');
    const rawKey = await createVault(db, PASSWORD, TEST_KDF);
    expect(rawKey).toBeInstanceOf(Uint8Array);
    expect(rawKey.length).toBe(32);
    expect(await vaultStatus(db)).toBe('locked');
  });

  it('unlocking with the password returns the same raw key', async () => {
    const db = await freshDb();
    const rawKey = await createVault(db, PASSWORD, TEST_KDF);
    expect(await unlockVault(db, PASSWORD)).toEqual(rawKey);
  });

  it('the password is compared in NFC, so composed and decomposed accents both work', async () => {
    const db = await freshDb();
    const rawKey = await createVault(db, 'caf\u00e9', TEST_KDF);
    expect(await unlockVault(db, 'cafe\u0301')).toEqual(rawKey);
  });

  it('two vaults never share a key, salt or id', async () => {
    const [a, b] = [await freshDb(), await freshDb()];
    const [keyA, keyB] = [await createVault(a, PASSWORD, TEST_KDF), await createVault(b, PASSWORD, TEST_KDF)];
    expect(keyA).not.toEqual(keyB);
    const [metaA, metaB] = [await meta(a), await meta(b)];
    expect(metaA.kdf.salt).not.toEqual(metaB.kdf.salt);
    expect(metaA.kdf.salt.length).toBe(16);
    expect(metaA.vaultId).not.toBe(metaB.vaultId);
  });

  it('refuses to create a second vault over the first', async () => {
    const db = await freshDb();
    await createVault(db, PASSWORD, TEST_KDF);
    const before = await dump(db);
    expect(await errorCode(createVault(db, 'other', TEST_KDF))).toBe('vault-exists');
    expect(await dump(db)).toEqual(before);
  });

  it('two tabs creating at once: exactly one succeeds', async () => {
    const db = await freshDb();
    const results = await Promise.allSettled([
      createVault(db, 'a-pass', TEST_KDF),
      createVault(db, 'b-pass', TEST_KDF),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: 'vault-exists' });
  });

  it('refuses empty passwords', async () => {
    const db = await freshDb();
    expect(await errorCode(createVault(db, '', TEST_KDF))).toBe('empty-password');
    await createVault(db, PASSWORD, TEST_KDF);
    expect(await errorCode(unlockVault(db, ''))).toBe('empty-password');
  });

  it('unlocking without a vault says there is none', async () => {
    expect(await errorCode(unlockVault(await freshDb(), PASSWORD))).toBe('no-vault');
  });
});

describe('wrong password', () => {
  it('says "wrong password" with a typed error', async () => {
    const db = await freshDb();
    await createVault(db, PASSWORD, TEST_KDF);
    const error = await unlockVault(db, 'not it').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect(error).toMatchObject({ code: 'wrong-password' });
    expect((error as Error).message).toMatch(/wrong password/i);
  });

  it('100 wrong attempts leave every stored byte as it was', async () => {
    const { db, session } = await newVault();
    const id = await session.addAccount(totpInput());
    await session.setRecoveryCodes(id, ['ab12-cd34', 'ef56-gh78']);
    await session.setSettings({ autoLockMinutes: 5 });
    const before = await dump(db);
    for (let i = 0; i < 100; i++) {
      expect(await errorCode(unlockVault(db, `guess ${i}`, { minimumKdf: { memoryKiB: 512 } }))).toBe('wrong-password');
    }
    expect(await dump(db)).toEqual(before);
    await expect(unlockVault(db, PASSWORD)).resolves.toHaveLength(32);
  });
});

describe('key-derivation floor', () => {
  it('refuses a cost below the default unless the test-only override is given, and writes nothing', async () => {
    const db = await freshDb();
    const error = await createVault(db, PASSWORD, { kdf: { memoryKiB: 1024, iterations: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KdfError);
    expect(error).toMatchObject({ code: 'kdf-too-weak' });
    expect(await vaultStatus(db)).toBe('empty');
    expect(await errorCode(createVault(db, PASSWORD, { kdf: { iterations: 1 } }))).toBe('kdf-too-weak');
  });

  it('refuses a cost beyond the bounds even with the override', async () => {
    const db = await freshDb();
    const huge = { kdf: { memoryKiB: 4 * 1024 * 1024 }, allowWeakKdfForTesting: true };
    expect(await errorCode(createVault(db, PASSWORD, huge))).toBe('kdf-too-costly');
    expect(await errorCode(createVault(db, PASSWORD, { kdf: { iterations: 0 }, allowWeakKdfForTesting: true }))).toBe(
      'kdf-invalid',
    );
  });

  it('production defaults: Argon2id m = 64 MiB, t = 3, p = 4, 16-byte salt', { timeout: 60_000 }, async () => {
    const db = await freshDb();
    const rawKey = await createVault(db, PASSWORD);
    const { kdf } = await meta(db);
    expect(kdf).toMatchObject({ algorithm: 'argon2id', memoryKiB: 65_536, iterations: 3, parallelism: 4 });
    expect(DEFAULT_KDF_COST).toEqual({ memoryKiB: 65_536, iterations: 3, parallelism: 4 });
    expect(kdf.salt.length).toBe(16);
    expect(await unlockVault(db, PASSWORD)).toEqual(rawKey);
  });

  it("a stored cost lowered behind the vault's back does not open it (the wrap binds its parameters)", async () => {
    const db = await freshDb();
    await createVault(db, PASSWORD, { kdf: { memoryKiB: 512, iterations: 2 }, allowWeakKdfForTesting: true });
    const stored = await meta(db);
    await db.put('meta', { ...stored, kdf: { ...stored.kdf, iterations: 1 } }, META_KEY);
    expect(await errorCode(unlockVault(db, PASSWORD))).toBe('wrong-password');
  });

  it('a stored cost of gigabytes is refused at once instead of run', async () => {
    const db = await freshDb();
    await createVault(db, PASSWORD, TEST_KDF);
    const stored = await meta(db);
    await db.put('meta', { ...stored, kdf: { ...stored.kdf, memoryKiB: 4 * 1024 * 1024, iterations: 1000 } }, META_KEY);
    const started = Date.now();
    expect(await errorCode(unlockVault(db, PASSWORD))).toBe('corrupt-vault');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('raising the cost (admin policy)', () => {
  it('rekeyIfWeaker re-wraps the same data key at the higher cost; records stay readable', async () => {
    const { db, rawKey, session } = await newVault();
    const id = await session.addAccount(totpInput());
    const accountsBefore = (await dump(db)).accounts;
    const old = await meta(db);

    expect(await rekeyIfWeaker(db, PASSWORD, { memoryKiB: 1024, iterations: 2 })).toBe(true);
    const raised = await meta(db);
    expect(raised.kdf).toMatchObject({ memoryKiB: 1024, iterations: 2, parallelism: 1 });
    expect(raised.kdf.salt).not.toEqual(old.kdf.salt);
    expect(raised.vaultId).toBe(old.vaultId);
    expect((await dump(db)).accounts).toEqual(accountsBefore);

    const again = await unlockVault(db, PASSWORD);
    expect(again).toEqual(rawKey);
    expect((await (await openSession(db, again)).getAccount(id)).label).toBe('alice@company.com');
  });

  it('does nothing when the stored cost already meets the minimum', async () => {
    const { db } = await newVault();
    const before = await dump(db);
    expect(await rekeyIfWeaker(db, PASSWORD, { memoryKiB: 128, iterations: 1 })).toBe(false);
    expect(await dump(db)).toEqual(before);
  });

  it('unlockVault with minimumKdf raises the cost on the way', async () => {
    const { db, rawKey } = await newVault();
    expect(await unlockVault(db, PASSWORD, { minimumKdf: { memoryKiB: 512 } })).toEqual(rawKey);
    expect((await meta(db)).kdf).toMatchObject({ memoryKiB: 512, iterations: 1 });
  });

  it('rekeyIfWeaker with a wrong password changes nothing', async () => {
    const { db } = await newVault();
    const before = await dump(db);
    expect(await errorCode(rekeyIfWeaker(db, 'nope', { memoryKiB: 1024 }))).toBe('wrong-password');
    expect(await dump(db)).toEqual(before);
  });
});

describe('changing the password', () => {
  it('re-wraps the data key only: the old password stops working, records are untouched', async () => {
    const { db, rawKey, session } = await newVault();
    const id = await session.addAccount(totpInput());
    await session.setRecoveryCodes(id, ['ab12-cd34']);
    const before = await dump(db);

    await changePassword(db, rawKey, 'new password', TEST_KDF);
    const after = await dump(db);
    expect(after.accounts).toEqual(before.accounts);
    expect(after.recovery).toEqual(before.recovery);
    expect(after.meta).not.toEqual(before.meta);

    expect(await errorCode(unlockVault(db, PASSWORD))).toBe('wrong-password');
    expect(await unlockVault(db, 'new password')).toEqual(rawKey);
    expect((await session.getAccount(id)).id).toBe(id);
  });

  it('without the test override, a weak vault is raised to the default on password change', {
    timeout: 60_000,
  }, async () => {
    const { db, rawKey } = await newVault();
    await changePassword(db, rawKey, 'new password');
    expect((await meta(db)).kdf).toMatchObject({ memoryKiB: 65_536, iterations: 3, parallelism: 4 });
  });

  it('a vault made by an earlier version (m = 19 MiB, t = 2, p = 1) unlocks and is re-wrapped at the default on the way', {
    timeout: 60_000,
  }, async () => {
    const db = await freshDb();
    const rawKey = await createVault(db, PASSWORD, { kdf: KDF_FLOOR });
    expect((await meta(db)).kdf).toMatchObject(KDF_FLOOR);
    expect(await unlockVault(db, PASSWORD, { minimumKdf: DEFAULT_KDF_COST })).toEqual(rawKey);
    expect((await meta(db)).kdf).toMatchObject(DEFAULT_KDF_COST);
    // Only the wrap changed: the same password opens the same data key, and a wrong one still fails.
    expect(await unlockVault(db, PASSWORD)).toEqual(rawKey);
    expect(await errorCode(unlockVault(db, 'not the password'))).toBe('wrong-password');
  });

  it("refuses a key that is not this vault's, and an empty password", async () => {
    const { db, rawKey } = await newVault();
    const before = await dump(db);
    expect(await errorCode(changePassword(db, new Uint8Array(32), 'x', TEST_KDF))).toBe('wrong-key');
    expect(await errorCode(changePassword(db, rawKey, '', TEST_KDF))).toBe('empty-password');
    expect(await dump(db)).toEqual(before);
  });
});

describe('sessions and wiping', () => {
  it('openSession refuses a wrong or stale key', async () => {
    const { db, rawKey } = await newVault();
    expect(await errorCode(openSession(db, new Uint8Array(32)))).toBe('wrong-key');
    expect(await errorCode(openSession(db, rawKey.subarray(0, 16)))).toBe('wrong-key');
    await wipeVault(db);
    expect(await errorCode(openSession(db, rawKey))).toBe('wrong-key');
    await createVault(db, PASSWORD, TEST_KDF);
    expect(await errorCode(openSession(db, rawKey))).toBe('wrong-key');
  });

  it('wipe deletes everything: header, accounts, recovery codes, settings', async () => {
    const { db, session } = await newVault();
    const id = await session.addAccount(totpInput());
    await session.setRecoveryCodes(id, ['ab12-cd34']);
    await session.setSettings({ theme: 'dark' });
    await wipeVault(db);
    expect(await vaultStatus(db)).toBe('empty');
    expect(await dump(db)).toEqual({ meta: [], accounts: [], recovery: [], settings: [] });
  });

  it('a session that outlived a wipe cannot write into the next vault', async () => {
    const { db, session } = await newVault();
    await wipeVault(db);
    await createVault(db, 'second', TEST_KDF);
    const before = await dump(db);
    expect(await errorCode(session.addAccount(totpInput()))).toBe('wrong-key');
    expect(await dump(db)).toEqual(before);
  });

  it('vaults in different databases are independent', async () => {
    const factory = new IDBFactory();
    const a = await freshDb(factory, 'a');
    const b = await freshDb(factory, 'b');
    await createVault(a, PASSWORD, TEST_KDF);
    expect(await vaultStatus(b)).toBe('empty');
  });
});

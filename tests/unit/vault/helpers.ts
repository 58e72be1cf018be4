import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { vi } from 'vitest';
import type { AccountInput } from '../../../lib/account';
import { createVault, openSession, openVaultDb, type VaultDb, type VaultSession } from '../../../lib/vault';

/** Far below the production floor, so tests spend milliseconds, not seconds, per derivation. */
export const TEST_KDF = {
  kdf: { memoryKiB: 256, iterations: 1, parallelism: 1 },
  allowWeakKdfForTesting: true,
} as const;
export const PASSWORD = 'correct horse battery staple';

/**
 * Argon2id at test cost for code that picks its own KDF cost (the background's vault-create,
 * password change and backup would take the production floor, seconds each): lib/crypto/kdf-policy
 * is the one place that decides it. For modules imported after this call (vi.resetModules first).
 */
export function mockTestKdfCost(): void {
  vi.doMock('@/lib/crypto/kdf-policy', async (importOriginal) => {
    const real = await importOriginal<typeof import('@/lib/crypto/kdf-policy')>();
    const cheap = Object.freeze({ ...TEST_KDF.kdf });
    return {
      ...real,
      DEFAULT_KDF_COST: cheap,
      chooseKdfCost: (options: Parameters<typeof real.chooseKdfCost>[0] = {}, base = cheap) =>
        real.chooseKdfCost({ ...options, allowWeakKdfForTesting: true }, base),
    };
  });
}

/** RFC 4226's key ("12345678901234567890"), so HOTP codes can be checked against its table. */
export const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
export const RFC_4226_CODES = [
  '755224',
  '287082',
  '359152',
  '969429',
  '338314',
  '254676',
  '287922',
  '162583',
  '399871',
  '520489',
];

export const PORTAL = 'https://company.bitrix24.com';

export const totpInput = (label = 'alice@company.com'): AccountInput => ({
  type: 'totp',
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  issuer: 'company.bitrix24.com',
  label,
  origins: [PORTAL],
});

export const hotpInput = (counter = 0, label = 'bob@company.com'): AccountInput => ({
  type: 'hotp',
  secret: RFC_SECRET,
  counter,
  issuer: 'intranet.example.com',
  label,
  origins: ['https://intranet.example.com'],
});

export const TEN_CODES = Array.from({ length: 10 }, (_, i) => `c0d${i}-x${i}y${i}`);

/** A database of its own: a fresh factory shares nothing with other tests. */
export function freshDb(factory: IDBFactory = new IDBFactory(), name?: string): Promise<VaultDb> {
  return openVaultDb(factory, name);
}

export interface TestVault {
  factory: IDBFactory;
  db: VaultDb;
  rawKey: Uint8Array;
  session: VaultSession;
}

export async function newVault(options: { clock?: () => number; recoveryWarnAt?: number } = {}): Promise<TestVault> {
  const factory = new IDBFactory();
  const db = await openVaultDb(factory);
  const rawKey = await createVault(db, PASSWORD, TEST_KDF);
  const session = await openSession(db, rawKey, options);
  return { factory, db, rawKey, session };
}

type StoreName = 'meta' | 'accounts' | 'recovery' | 'settings';
const STORES: StoreName[] = ['meta', 'accounts', 'recovery', 'settings'];

/** Every key and value of every store, deep-copied, for before/after comparisons. */
export async function dump(db: VaultDb): Promise<Record<StoreName, [IDBValidKey, unknown][]>> {
  const tx = db.transaction(STORES, 'readonly');
  const entries = await Promise.all(
    STORES.map(async (name) => {
      const store = tx.objectStore(name);
      const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
      return [name, keys.map((key, i) => [key, structuredClone(values[i])] as [IDBValidKey, unknown])] as const;
    }),
  );
  await tx.done;
  return Object.fromEntries(entries) as Record<StoreName, [IDBValidKey, unknown][]>;
}

/** Runs `promise` and returns the `code` of what it rejects with. */
export async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return String((error as { code?: unknown }).code);
  }
  throw new Error('Expected a rejection, but the promise resolved.');
}

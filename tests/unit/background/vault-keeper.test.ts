import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const PASSWORD = 'correct horse battery staple';

/**
 * Holds `createVault` / `unlockVault` (the Argon2id step) after they derived the key and before
 * the keeper gets it, so a test can lock "while Argon2id runs". Also keeps the vault's KDF cheap.
 */
const kdf = vi.hoisted(() => ({
  hold: undefined as Promise<void> | undefined,
  reached: undefined as (() => void) | undefined,
  keys: [] as Uint8Array[],
}));

vi.mock('@/lib/vault', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/vault')>();
  const held = async (work: Promise<Uint8Array>) => {
    const key = await work;
    kdf.keys.push(key);
    kdf.reached?.();
    await kdf.hold;
    return key;
  };
  const weak = { kdf: { memoryKiB: 256, iterations: 1, parallelism: 1 }, allowWeakKdfForTesting: true } as const;
  return {
    ...real,
    createVault: (...[db, password, options]: Parameters<typeof real.createVault>) =>
      held(real.createVault(db, password, { ...options, ...weak })),
    unlockVault: (...args: Parameters<typeof real.unlockVault>) => held(real.unlockVault(...args)),
  };
});

/** A fresh keeper (its db and session caches are module state) over a fresh database. */
async function freshKeeper() {
  vi.resetModules();
  globalThis.indexedDB = new IDBFactory();
  return import('@/entrypoints/background/vault-keeper');
}

/** Holds the next create/unlock once its key is derived; `release` lets it go on. */
function holdKdf(): { reached: Promise<void>; release: () => void } {
  let release!: () => void;
  kdf.hold = new Promise<void>((resolve) => {
    release = resolve;
  });
  const reached = new Promise<void>((resolve) => {
    kdf.reached = resolve;
  });
  return { reached, release };
}

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => String((error as { code?: unknown }).code),
  );

const parkedKey = async () => (await fakeBrowser.storage.session.get('vault:key'))['vault:key'];

type Keeper = Awaited<ReturnType<typeof freshKeeper>>;

/** Starts `run` (a create or unlock), locks once it has derived the key, then lets it finish; its outcome. */
async function lockWhileDeriving(keeper: Keeper, run: () => Promise<unknown>): Promise<string> {
  const gate = holdKdf();
  const running = outcome(run());
  await gate.reached;
  await keeper.lock();
  gate.release();
  return running;
}

/** Locked, with no key parked in session storage and no auto-lock alarm left set. */
async function expectLockedWithNothingKept(keeper: Keeper): Promise<void> {
  expect(await keeper.vaultState()).toBe('locked');
  expect(await parkedKey()).toBeUndefined();
  expect(await fakeBrowser.alarms.get('auto-lock')).toBeUndefined();
}

beforeEach(() => {
  fakeBrowser.reset();
  kdf.hold = undefined;
  kdf.reached = undefined;
  kdf.keys = [];
});

describe('vault keeper: lock() during an unlock in flight', () => {
  it('unlocks and locks when nothing overlaps', async () => {
    const keeper = await freshKeeper();
    await keeper.create(PASSWORD);
    expect(await keeper.vaultState()).toBe('unlocked');
    await keeper.lock();
    expect(await keeper.vaultState()).toBe('locked');
    await keeper.unlock(PASSWORD);
    expect(await keeper.vaultState()).toBe('unlocked');
    expect(await fakeBrowser.alarms.get('auto-lock')).toBeDefined();
  });

  it('a lock() while unlock() derives the key wins: the vault stays locked and the key is zeroed', async () => {
    const keeper = await freshKeeper();
    await keeper.create(PASSWORD);
    await keeper.lock();
    kdf.keys = [];

    const result = await lockWhileDeriving(keeper, () => keeper.unlock(PASSWORD));
    await expectLockedWithNothingKept(keeper);
    expect(result).toBe('locked');
    expect(kdf.keys).toHaveLength(1);
    expect(kdf.keys[0]!.every((byte) => byte === 0)).toBe(true);
  });

  it('an unlock started after the lock still unlocks', async () => {
    const keeper = await freshKeeper();
    await keeper.create(PASSWORD);
    await keeper.lock();
    await keeper.unlock(PASSWORD);
    await keeper.lock();
    await keeper.unlock(PASSWORD);
    expect(await keeper.vaultState()).toBe('unlocked');
  });

  it('a lock() while create() derives the key wins: the new vault exists, locked, and opens with its password', async () => {
    const keeper = await freshKeeper();

    const result = await lockWhileDeriving(keeper, () => keeper.create(PASSWORD));
    await expectLockedWithNothingKept(keeper);
    expect(result).toBe('locked');
    expect(kdf.keys[0]!.every((byte) => byte === 0)).toBe(true);

    await keeper.unlock(PASSWORD);
    expect(await keeper.vaultState()).toBe('unlocked');
  });
});

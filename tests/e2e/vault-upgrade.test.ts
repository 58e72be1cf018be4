import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleMessage } from 'puppeteer-core';
import { Secret } from 'otpauth';
import { DEFAULT_KDF_COST, KDF_FLOOR } from '@/lib/crypto';
import { createVault, openSession, openVaultDb } from '@/lib/vault';
import { DEFAULT_DB_NAME, DB_VERSION } from '@/lib/vault/schema';
import { launchWithExtension, type ExtensionSession } from './chromium';
import { openExtensionPage, type ExtensionPage } from './extension-page';
import { totpAround } from './oathtool';

/**
 * A vault saved by an earlier version, at the cost it used (Argon2id m = 19 MiB, t = 2, p = 1), put
 * into the browser's IndexedDB as that version left it: it unlocks, and on the way its key is
 * re-wrapped at today's default (m = 64 MiB, t = 3, p = 4), derived in WebAssembly.
 */
const PASSWORD = 'a vault from the previous version';
const secret = new Secret({ size: 20 }).base32;

type Stores = Record<'meta' | 'accounts', [IDBValidKey, unknown][]>;

/** The stores of a vault made in Node by the vault code at the old cost, with one TOTP account. */
async function oldVault(): Promise<Stores> {
  const db = await openVaultDb(new IDBFactory());
  const rawKey = await createVault(db, PASSWORD, { kdf: KDF_FLOOR });
  const session = await openSession(db, rawKey);
  await session.addAccount({ secret, issuer: 'Earlier', label: 'eve', origins: ['https://earlier.bitrix24.com'] });
  const read = async (name: 'meta' | 'accounts') => {
    const store = db.transaction(name).objectStore(name);
    const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
    return keys.map((key, i) => [key, values[i]] as [IDBValidKey, unknown]);
  };
  return { meta: await read('meta'), accounts: await read('accounts') };
}

/** Bytes survive the trip into the page as arrays, and are bytes again there. */
const encode = (value: unknown): unknown =>
  value instanceof Uint8Array
    ? { bytes: [...value] }
    : Array.isArray(value)
      ? value.map(encode)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]))
        : value;

let session: ExtensionSession;
let ext: ExtensionPage;
const workerConsole: string[] = [];

beforeAll(async () => {
  session = await launchWithExtension();
  session.worker.on('console', (message: ConsoleMessage) => workerConsole.push(message.text()));
  ext = await openExtensionPage(session);
});

afterAll(async () => {
  await session?.close();
});

async function storedKdf() {
  return ext.page.evaluate(
    (name, version) =>
      new Promise<{ memoryKiB: number; iterations: number; parallelism: number }>((resolve, reject) => {
        const open = indexedDB.open(name, version);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('meta').objectStore('meta').get('vault');
          get.onsuccess = () => {
            const { memoryKiB, iterations, parallelism } = get.result.kdf;
            open.result.close();
            resolve({ memoryKiB, iterations, parallelism });
          };
        };
      }),
    DEFAULT_DB_NAME,
    DB_VERSION,
  );
}

describe('a vault saved by the previous version', () => {
  it('unlocks with its password and is re-wrapped at the new default cost; its account and codes are unchanged', async () => {
    // The background has made the (empty) database; the earlier version's records go in as they were.
    expect(await ext.send({ type: 'vault-status' })).toEqual({ ok: true, state: 'empty' });
    const stores = encode(await oldVault()) as Stores;
    await ext.page.evaluate(
      (name: string, version: number, data: Stores) =>
        new Promise<void>((resolve, reject) => {
          const decode = (value: unknown): unknown =>
            Array.isArray(value)
              ? value.map(decode)
              : typeof value === 'object' && value !== null
                ? 'bytes' in value
                  ? new Uint8Array((value as { bytes: number[] }).bytes)
                  : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]))
                : value;
          const open = indexedDB.open(name, version);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(['meta', 'accounts'], 'readwrite');
            for (const [key, value] of data.meta) tx.objectStore('meta').put(decode(value), key);
            for (const [, value] of data.accounts) tx.objectStore('accounts').put(decode(value));
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      DEFAULT_DB_NAME,
      DB_VERSION,
      stores,
    );
    expect(await storedKdf()).toEqual(KDF_FLOOR);
    expect(await ext.send({ type: 'vault-status' })).toEqual({ ok: true, state: 'locked' });

    expect(await ext.send({ type: 'vault-unlock', password: 'not the password' })).toMatchObject({
      ok: false,
      code: 'wrong-password',
    });
    expect(await storedKdf()).toEqual(KDF_FLOOR);
    expect(await ext.send({ type: 'vault-unlock', password: PASSWORD })).toEqual({ ok: true });
    expect(await storedKdf()).toEqual(DEFAULT_KDF_COST);

    const list = await ext.send({ type: 'accounts-list' });
    expect(list.ok && list.accounts.map((a) => a.label)).toEqual(['eve']);
    expect(totpAround(secret, Date.now())).toContain(list.ok ? list.accounts[0]!.code : '');

    // Re-wrapped, it opens again with the same password.
    expect(await ext.send({ type: 'vault-lock' })).toEqual({ ok: true });
    expect(await ext.send({ type: 'vault-unlock', password: PASSWORD })).toEqual({ ok: true });
  });

  it('derived every key in WebAssembly: the worker never fell back to the JavaScript Argon2id', async () => {
    // The control: what the worker writes to its console does reach the test.
    await session.worker.evaluate(() => console.warn('console check'));
    await expect.poll(() => workerConsole.includes('console check')).toBe(true);
    expect(workerConsole.filter((text) => text.includes('Argon2id runs in JavaScript'))).toEqual([]);
  });
});

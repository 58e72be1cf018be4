import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, DEFAULT_DB_NAME, getSettings, openVaultDb, setSettings, wipeVault } from '../../../lib/vault';
import { errorCode, freshDb, newVault } from './helpers';

describe('settings', () => {
  it('start empty, merge shallowly, and need no unlocked vault', async () => {
    const db = await freshDb();
    expect(await getSettings(db)).toEqual({});
    expect(await setSettings(db, { autoLockMinutes: 5, fill: { auto: true } })).toEqual({
      autoLockMinutes: 5,
      fill: { auto: true },
    });
    expect(await setSettings(db, { autoLockMinutes: 10 })).toEqual({ autoLockMinutes: 10, fill: { auto: true } });
    expect(await getSettings(db)).toEqual({ autoLockMinutes: 10, fill: { auto: true } });
  });

  it('the session offers the same settings', async () => {
    const { db, session } = await newVault();
    await session.setSettings({ theme: 'dark' });
    expect(await getSettings(db)).toEqual({ theme: 'dark' });
    expect(await session.getSettings()).toEqual({ theme: 'dark' });
  });

  it('refuse what is not plain JSON', async () => {
    const db = await freshDb();
    for (const bad of [{ when: new Date() }, { n: Number.NaN }, { f: () => 1 }, { u: undefined }]) {
      expect(await errorCode(setSettings(db, bad as never))).toBe('invalid-settings');
    }
    expect(await getSettings(db)).toEqual({});
  });

  it('a wipe removes them', async () => {
    const { db } = await newVault();
    await setSettings(db, { theme: 'dark' });
    await wipeVault(db);
    expect(await getSettings(db)).toEqual({});
  });
});

describe('database schema', () => {
  it('version 1 has the four stores', async () => {
    const db = await freshDb();
    expect(DB_VERSION).toBe(1);
    expect(db.name).toBe(DEFAULT_DB_NAME);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['accounts', 'meta', 'recovery', 'settings']);
  });

  it('reopening keeps the data', async () => {
    const factory = new IDBFactory();
    const first = await openVaultDb(factory);
    await setSettings(first, { kept: true });
    first.close();
    expect(await getSettings(await openVaultDb(factory))).toEqual({ kept: true });
  });

  it('a database from a newer extension version is refused with a clear error', async () => {
    const factory = new IDBFactory();
    await new Promise<void>((resolve, reject) => {
      const request = factory.open(DEFAULT_DB_NAME, DB_VERSION + 1);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    expect(await errorCode(openVaultDb(factory))).toBe('newer-version');
  });

  it('an older connection steps aside when a newer schema opens', async () => {
    const factory = new IDBFactory();
    await openVaultDb(factory);
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(DEFAULT_DB_NAME, DB_VERSION + 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('blocked by the old connection'));
    });
    expect(upgraded.version).toBe(DB_VERSION + 1);
    upgraded.close();
  });
});

import { wrap } from 'idb';
import { VaultError } from './errors';
import { DB_VERSION, DEFAULT_DB_NAME, upgradeVaultDb, type VaultDb } from './schema';

/**
 * Opens (creating or upgrading) the vault database through `factory`: `indexedDB` in the
 * extension, a fresh `fake-indexeddb` factory per test. Mirrors idb's `openDB`, which always uses
 * the global factory. idb still needs the IndexedDB classes as globals (`fake-indexeddb/auto` in
 * Node).
 *
 * When another context opens a newer schema, this connection closes itself so the upgrade is not
 * blocked; later calls on it fail and the caller reopens.
 */
export async function openVaultDb(factory: IDBFactory, name: string = DEFAULT_DB_NAME): Promise<VaultDb> {
  const request = factory.open(name, DB_VERSION);
  request.addEventListener('upgradeneeded', (event) => {
    const tx = request.transaction;
    if (tx === null) return;
    upgradeVaultDb(
      wrap(request.result) as VaultDb,
      event.oldVersion,
      event.newVersion ?? DB_VERSION,
      wrap(tx) as never,
    );
  });
  let db: VaultDb;
  try {
    db = (await wrap(request)) as unknown as VaultDb;
  } catch (error) {
    if (errorName(error) === 'VersionError') {
      throw new VaultError(
        'newer-version',
        'The vault was saved by a newer version of this extension. Update the extension to open it.',
      );
    }
    throw new VaultError(
      'unavailable',
      'The browser storage for the vault cannot be opened. Restart the browser and try again.',
    );
  }
  db.addEventListener('versionchange', () => db.close());
  return db;
}

function errorName(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
}

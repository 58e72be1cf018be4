import type { IDBPTransaction, StoreNames } from 'idb';
import { VaultError } from './errors';
import { isVaultMeta } from './meta';
import { META_KEY, type VaultDb, type VaultDbSchema } from './schema';

export type VaultStore = StoreNames<VaultDbSchema>;
export type WriteTx = IDBPTransaction<VaultDbSchema, VaultStore[], 'readwrite'>;

export const vaultReplaced = (): VaultError =>
  new VaultError('wrong-key', 'The vault was wiped or replaced since it was unlocked. Unlock it again.');

/**
 * Runs `body` in one readwrite transaction over `stores`, after checking inside that same
 * transaction that the vault is still the one the key belongs to, so a session that outlived a
 * wipe cannot fill the new vault with records nobody can read. If `body` throws, everything it
 * wrote is rolled back.
 *
 * `body` may only await IndexedDB requests of `tx`: awaiting anything else (WebCrypto, timers)
 * lets the transaction commit early. Encrypt before, decode after.
 */
export async function guardedWrite<T>(
  db: VaultDb,
  vaultId: string,
  stores: readonly VaultStore[],
  body: (tx: WriteTx) => Promise<T>,
): Promise<T> {
  const tx = db.transaction(['meta', ...stores], 'readwrite');
  const done = tx.done;
  try {
    const meta: unknown = await tx.objectStore('meta').get(META_KEY);
    if (!isVaultMeta(meta) || meta.vaultId !== vaultId) throw vaultReplaced();
    const result = await body(tx);
    await done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already committed or aborted: nothing left to undo.
    }
    await done.catch(() => undefined);
    throw error;
  }
}

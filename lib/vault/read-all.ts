import type { SealedRecord, SealedStore, VaultDb } from './schema';

/** Every record of `store` with its key, read in one transaction. */
export async function readAllSealed(db: VaultDb, store: SealedStore): Promise<{ id: string; record: SealedRecord }[]> {
  const tx = db.transaction(store, 'readonly');
  const [records, keys] = await Promise.all([tx.store.getAll(), tx.store.getAllKeys()]);
  await tx.done;
  // Both lists come in key order; the key is the id even when the record itself is mangled.
  return records.map((record, i) => ({ id: String(keys[i] ?? ''), record }));
}

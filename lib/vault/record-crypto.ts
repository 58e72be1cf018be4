import { fromUtf8, open, seal, utf8 } from '../crypto';
import type { SealedRecord, SealedStore } from './schema';

/** What every record operation needs: which vault, and its data key. */
export interface RecordKey {
  vaultId: string;
  key: CryptoKey;
}

const RECORD_AAD_LABEL = 'bitrix24-authenticator/record/v1';

/**
 * Associated data of a record: the vault, store, id and revision it was written for. A record
 * copied into another store or slot, swapped with another, given another revision, or carried
 * over from another vault fails to decrypt. A JSON array is unambiguous however ids are spelled.
 */
export function recordAad(vaultId: string, store: SealedStore, id: string, rev: number): Uint8Array {
  return utf8(JSON.stringify([RECORD_AAD_LABEL, vaultId, store, id, rev]));
}

export async function sealRecord(
  ctx: RecordKey,
  store: SealedStore,
  id: string,
  rev: number,
  value: unknown,
): Promise<SealedRecord> {
  const sealed = await seal(ctx.key, utf8(JSON.stringify(value)), recordAad(ctx.vaultId, store, id, rev));
  return { id, rev, iv: sealed.iv, data: sealed.ciphertext };
}

/**
 * The decrypted JSON of a record as it sits in `store`, or `null` when it cannot be read: altered
 * bytes, moved to another slot, or written under another key. The caller checks the shape.
 */
export async function openRecord(
  ctx: RecordKey,
  store: SealedStore,
  record: unknown,
): Promise<{ value: unknown } | null> {
  if (!isSealedRecord(record)) return null;
  const plain = await open(
    ctx.key,
    { iv: record.iv, ciphertext: record.data },
    recordAad(ctx.vaultId, store, record.id, record.rev),
  );
  if (plain === null) return null;
  const text = fromUtf8(plain);
  if (text === null) return null;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}

export function isSealedRecord(value: unknown): value is SealedRecord {
  if (typeof value !== 'object' || value === null) return false;
  const { id, rev, iv, data } = value as Record<string, unknown>;
  return (
    typeof id === 'string' &&
    typeof rev === 'number' &&
    Number.isSafeInteger(rev) &&
    iv instanceof Uint8Array &&
    data instanceof Uint8Array
  );
}

import { equalBytes } from '../crypto';
import { unreadable, VaultError } from './errors';
import { guardedWrite, type WriteTx } from './guarded-write';
import { openRecord, sealRecord, type RecordKey } from './record-crypto';
import type { SealedRecord, SealedStore, VaultDb } from './schema';
import { queueFor } from './serial-queue';

export interface SwapContext extends RecordKey {
  db: VaultDb;
}

/** How a record type is read back and what to call it in messages. */
export interface RecordKind<T> {
  store: SealedStore;
  /** "account", "recovery codes": used in the message when the record cannot be read. */
  noun: string;
  decode: (id: string, value: unknown) => T | null;
  /** The JSON to encrypt; the id is the record key and never needs to be inside. */
  encode: (value: T) => unknown;
}

/** Enough for races between a handful of contexts; the in-process queue removes the rest. */
const MAX_ATTEMPTS = 25;

/**
 * Read–modify–write of one encrypted record, safe against concurrent writers.
 *
 * IndexedDB commits a transaction as soon as it awaits anything else, WebCrypto included, so the
 * record cannot be decrypted and re-encrypted inside one. Instead: read and decrypt, compute and
 * encrypt the next version with `rev + 1`, then in a readwrite transaction put it only if the
 * stored record is still exactly the one read (same revision and IV); otherwise start over.
 * Writers in this context queue per record, so they do not even collide.
 *
 * `change` sees the current value (or `null` when the record does not exist) and returns the next
 * value with a result, or `undefined` to leave the record alone (the result is still returned). It
 * may throw a typed error to refuse. The result is returned only after the write has committed,
 * which is what makes handing out a counter or a code safe.
 *
 * A record that fails to decrypt is never overwritten: `unreadable` is thrown instead.
 */
export function compareAndSwap<T, R>(
  ctx: SwapContext,
  kind: RecordKind<T>,
  id: string,
  change: (current: T | null) => { next: T | undefined; result: R },
  /** Checked in the writing transaction, e.g. that the account the record belongs to exists. */
  precondition?: (tx: WriteTx) => Promise<void>,
): Promise<R> {
  return queueFor(ctx.db).run(`${kind.store}\u0000${id}`, async () => {
    for (let attempt = 1; ; attempt++) {
      const stored = await ctx.db.get(kind.store, id);
      const current = stored === undefined ? null : await readValue(ctx, kind, id, stored);
      const { next, result } = change(current);
      if (next === undefined) return result;
      const sealed = await sealRecord(ctx, kind.store, id, (stored?.rev ?? 0) + 1, kind.encode(next));
      const swapped = await guardedWrite(ctx.db, ctx.vaultId, ['accounts', 'recovery'], async (tx) => {
        if (precondition !== undefined) await precondition(tx);
        const now = await tx.objectStore(kind.store).get(id);
        if (!sameVersion(now, stored)) return false;
        await tx.objectStore(kind.store).put(sealed);
        return true;
      });
      if (swapped) return result;
      if (attempt >= MAX_ATTEMPTS) {
        throw new VaultError('busy', 'The vault is busy with other changes to the same item. Try again in a moment.', [
          id,
        ]);
      }
      // A little jitter so two contexts retrying in lockstep drift apart.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * attempt * 2));
    }
  });
}

/** Decrypts a stored record; `unreadable` rather than a value when it cannot be read. */
export async function readValue<T>(
  ctx: SwapContext,
  kind: RecordKind<T>,
  id: string,
  stored: SealedRecord,
): Promise<T> {
  const opened = await openRecord(ctx, kind.store, stored);
  const value = opened === null ? null : kind.decode(id, opened.value);
  if (value === null) throw unreadable(id, kind.noun);
  return value;
}

function sameVersion(now: SealedRecord | undefined, read: SealedRecord | undefined): boolean {
  if (now === undefined || read === undefined) return now === read;
  return now.rev === read.rev && equalBytes(now.iv, read.iv);
}

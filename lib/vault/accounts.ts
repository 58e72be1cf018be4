import { createAccount, limits, type AccountInput } from '../account';
import { codeAt } from '../otp';
import { accountChangeProblem, PolicyError, vaultEntriesProblem, type PolicyProblem } from '../policy';
import { accountPlaintext, type StoredAccount } from './account-record';
import { compareAndSwap, readValue } from './compare-and-swap';
import type { SessionContext } from './context';
import { accountNotFound, VaultError } from './errors';
import { guardedWrite } from './guarded-write';
import { readAllSealed } from './read-all';
import { openRecord, sealRecord } from './record-crypto';
import { ACCOUNT } from './record-kinds';

export interface AccountList {
  /** In no particular order; the UI sorts. */
  accounts: StoredAccount[];
  /** Ids of account records that failed to decrypt. They stay stored, untouched. */
  unreadable: string[];
}

/** Fields to change; unset fields keep their value. The result is validated like a new account. */
export type AccountPatch = Partial<Omit<AccountInput, 'id'>>;

export interface HotpCode {
  code: string;
  /** The counter the code was made with; the stored counter is now one more. */
  counter: number;
}

/** The account stored under `id`, decrypted; null when the record does not open as one. */
async function openAccount(ctx: SessionContext, id: string, record: unknown): Promise<StoredAccount | null> {
  const result = await openRecord(ctx, 'accounts', record);
  return result === null ? null : ACCOUNT.decode(id, result.value);
}

export async function listAccounts(ctx: SessionContext): Promise<AccountList> {
  const rows = await readAllSealed(ctx.db, 'accounts');
  const opened = await Promise.all(
    rows.map(async ({ id, record }) => ({ id, account: await openAccount(ctx, id, record) })),
  );
  const accounts: StoredAccount[] = [];
  const unreadable: string[] = [];
  for (const { id, account } of opened) {
    if (account === null) unreadable.push(id);
    else accounts.push(account);
  }
  return { accounts, unreadable };
}

/**
 * The accounts `ids`, decrypted, in that order; null if any of them is gone or does not decrypt
 * (the caller then lists them all, which says which).
 */
export async function someAccounts(ctx: SessionContext, ids: readonly string[]): Promise<StoredAccount[] | null> {
  const tx = ctx.db.transaction('accounts', 'readonly');
  const records = await Promise.all(ids.map((id) => tx.store.get(id)));
  await tx.done;
  const opened = await Promise.all(
    records.map((record, i) => (record === undefined ? null : openAccount(ctx, ids[i]!, record))),
  );
  return opened.every((account) => account !== null) ? opened : null;
}

/** Throws `account-not-found` or `unreadable`. */
export async function getAccount(ctx: SessionContext, id: string): Promise<StoredAccount> {
  const stored = await ctx.db.get('accounts', id);
  if (stored === undefined) throw accountNotFound(id);
  return readValue(ctx, ACCOUNT, id, stored);
}

/** How a single account comes in: by hand in the popup, or from the portal's enrolment page (the background's path only). */
export type AddSource = 'manual' | 'enrolment';

/** Refuses what the administrator's policy does not let into the vault; see lib/policy/vault-entry. */
function admit(problem: PolicyProblem | null): void {
  if (problem) throw PolicyError.of(problem);
}

/**
 * Validates `input` with `createAccount`, checks it against the policy as coming from `source`,
 * stores it under a new id and returns the id.
 */
export async function addAccount(ctx: SessionContext, input: AccountInput, source: AddSource): Promise<string> {
  const account = createAccount({ ...input, id: undefined });
  admit(vaultEntriesProblem(source, [account], await ctx.policy()));
  const id = crypto.randomUUID();
  const sealed = await sealRecord(ctx, 'accounts', id, 1, accountPlaintext(account));
  await guardedWrite(ctx.db, ctx.vaultId, ['accounts'], async (tx) => {
    await tx.objectStore('accounts').add(sealed);
  });
  return id;
}

/**
 * Adds several accounts at once (an import), all or nothing: every input is validated with
 * `createAccount`, checked against the policy and sealed first, then all are written in one
 * transaction. Returns the new ids in input order; if any input is invalid or refused, or any write
 * fails (quota, a vault replaced since), nothing is stored.
 */
export async function addAccounts(ctx: SessionContext, inputs: readonly AccountInput[]): Promise<string[]> {
  const accounts = inputs.map((input) => createAccount({ ...input, id: undefined }));
  admit(vaultEntriesProblem('import', accounts, await ctx.policy()));
  const ids = accounts.map(() => crypto.randomUUID());
  const sealed = await Promise.all(
    accounts.map((account, i) => sealRecord(ctx, 'accounts', ids[i]!, 1, accountPlaintext(account))),
  );
  await guardedWrite(ctx.db, ctx.vaultId, ['accounts'], async (tx) => {
    const store = tx.objectStore('accounts');
    await Promise.all(sealed.map((record) => store.add(record)));
  });
  return ids;
}

/** A new secret counts as one entered by hand, new portals are checked like a new account's (the policy). */
export async function updateAccount(ctx: SessionContext, id: string, patch: AccountPatch): Promise<StoredAccount> {
  const policy = await ctx.policy();
  return compareAndSwap(ctx, ACCOUNT, id, (current) => {
    if (current === null) throw accountNotFound(id);
    const next: StoredAccount = { ...createAccount({ ...current, ...definedFields(patch), id: undefined }), id };
    admit(accountChangeProblem(current, next, policy));
    return { next, result: next };
  });
}

/**
 * Deletes the account and its recovery codes together. Works on unreadable records too: deleting
 * is how the user gets rid of a damaged one. Returns whether there was anything to delete.
 */
export async function deleteAccount(ctx: SessionContext, id: string): Promise<boolean> {
  return guardedWrite(ctx.db, ctx.vaultId, ['accounts', 'recovery'], async (tx) => {
    const accounts = tx.objectStore('accounts');
    const recovery = tx.objectStore('recovery');
    const [hadAccount, hadCodes] = await Promise.all([accounts.count(id), recovery.count(id)]);
    await Promise.all([accounts.delete(id), recovery.delete(id)]);
    return hadAccount + hadCodes > 0;
  });
}

/**
 * The next HOTP code. The counter is advanced and committed first, and only then is the code
 * made and returned, so no two calls (here or in another context) ever get the same counter,
 * and a crash can skip a counter but never repeat one. Servers look ahead, so a skip is harmless.
 */
export async function nextHotpCode(ctx: SessionContext, id: string): Promise<HotpCode> {
  const used = await compareAndSwap(ctx, ACCOUNT, id, (current) => {
    if (current === null) throw accountNotFound(id);
    if (current.type !== 'hotp') {
      throw new VaultError('not-hotp', 'This account uses time-based codes; there is no counter to advance.', [id]);
    }
    if (current.counter >= limits.MAX_COUNTER) {
      throw new VaultError('counter-exhausted', 'This account has used up its counter. Set it up again in Bitrix24.', [
        id,
      ]);
    }
    return { next: { ...current, counter: current.counter + 1 }, result: current };
  });
  return { code: codeAt(used, used.counter), counter: used.counter };
}

function definedFields<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

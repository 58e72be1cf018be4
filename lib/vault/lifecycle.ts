import {
  chooseKdfCost,
  DEFAULT_KDF_COST,
  importAesKey,
  isWeaker,
  KdfError,
  kdfCostProblem,
  KEY_BYTES,
  newKdfParams,
  pickCost,
  randomBytes,
  strongerOf,
  wipeBytes,
  type KdfCost,
  type KdfOptions,
} from '../crypto';
import type { Clock } from '../otp';
import { VaultError, wrongPassword } from './errors';
import { keyMatches, makeKeyCheck, readMeta, requireMeta, sameWrap, unwrapDataKey, wrapDataKey } from './meta';
import { checkPassword } from './password';
import { META_KEY, type VaultDb, type VaultMeta } from './schema';

export type VaultStatus = 'empty' | 'locked';

export interface CreateVaultOptions extends KdfOptions {
  clock?: Clock;
}

export interface UnlockOptions {
  /** When the stored cost is below this, re-wrap the data key at (at least) this cost. */
  minimumKdf?: Partial<KdfCost>;
}

export interface ChangePasswordOptions extends KdfOptions {
  clock?: Clock;
}

/** `locked` means a vault exists; whether the caller holds its key is the caller's business. */
export async function vaultStatus(db: VaultDb): Promise<VaultStatus> {
  return (await db.count('meta', META_KEY)) === 0 ? 'empty' : 'locked';
}

/**
 * Creates the vault: a random 256-bit data key, wrapped under a key derived from `password`.
 * Returns the raw data key so the caller can keep the vault unlocked (e.g. in storage.session).
 * Throws `vault-exists` if there is one already, `KdfError` for a cost below the floor.
 */
export async function createVault(
  db: VaultDb,
  password: string,
  options: CreateVaultOptions = {},
): Promise<Uint8Array> {
  checkPassword(password);
  const cost = chooseKdfCost(options);
  if ((await vaultStatus(db)) !== 'empty') throw vaultExists();
  const now = (options.clock ?? Date.now)();
  const rawKey = randomBytes(KEY_BYTES);
  const vaultId = crypto.randomUUID();
  const kdf = newKdfParams(cost);
  const meta: VaultMeta = {
    format: 1,
    vaultId,
    kdf,
    wrappedKey: await wrapDataKey(rawKey, password, vaultId, kdf),
    keyCheck: await makeKeyCheck(await importAesKey(rawKey), vaultId),
    createdAt: now,
    passwordChangedAt: now,
  };
  const tx = db.transaction('meta', 'readwrite');
  // Checked again in the writing transaction: two tabs setting up at once must not both win.
  if ((await tx.store.count(META_KEY)) !== 0) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw vaultExists();
  }
  await tx.store.put(meta, META_KEY);
  await tx.done;
  return rawKey;
}

/**
 * The raw data key for `password`. A wrong password throws `wrong-password` and writes nothing.
 * With `minimumKdf`, a vault stored at a lower cost is re-wrapped at that cost on the way.
 */
export async function unlockVault(db: VaultDb, password: string, options: UnlockOptions = {}): Promise<Uint8Array> {
  checkPassword(password);
  const meta = await requireMeta(db);
  const rawKey = await unwrapDataKey(meta, password);
  if (rawKey === null) throw wrongPassword();
  if (options.minimumKdf !== undefined) await rewrapIfWeaker(db, meta, rawKey, password, options.minimumKdf);
  return rawKey;
}

/**
 * Re-wraps the data key with a stronger cost when the stored one is below `minimum` (for an
 * admin policy). Returns whether it did. Needs the password: the wrap is derived from it.
 */
export async function rekeyIfWeaker(db: VaultDb, password: string, minimum: Partial<KdfCost>): Promise<boolean> {
  const rawKey = await unlockVault(db, password);
  try {
    return await rewrapIfWeaker(db, await requireMeta(db), rawKey, password, minimum);
  } finally {
    wipeBytes(rawKey);
  }
}

async function rewrapIfWeaker(
  db: VaultDb,
  meta: VaultMeta,
  rawKey: Uint8Array,
  password: string,
  minimum: Partial<KdfCost>,
): Promise<boolean> {
  const stored = pickCost(meta.kdf);
  const floor: KdfCost = { ...stored, ...definedOnly(minimum) };
  const problem = kdfCostProblem(floor);
  if (problem !== null) throw new KdfError(problem.code, problem.message);
  if (!isWeaker(stored, floor)) return false;
  const target = strongerOf(stored, floor);
  const targetProblem = kdfCostProblem(target);
  if (targetProblem !== null) throw new KdfError(targetProblem.code, targetProblem.message);
  const kdf = newKdfParams(target);
  const next: VaultMeta = { ...meta, kdf, wrappedKey: await wrapDataKey(rawKey, password, meta.vaultId, kdf) };
  // If someone re-wrapped meanwhile (a password change), theirs stands: it is at least as new.
  return replaceMetaIfUnchanged(db, meta, next);
}

/**
 * Sets a new password by re-wrapping the data key; no record is touched. Takes the raw key (not a
 * session, whose key cannot be read back out). The new wrap keeps the stored cost, raised to the
 * floor, unless `options.kdf` asks for another. Throws `wrong-key` for a key of another vault and
 * `conflict` if the vault changed meanwhile.
 */
export async function changePassword(
  db: VaultDb,
  rawKey: Uint8Array,
  newPassword: string,
  options: ChangePasswordOptions = {},
): Promise<void> {
  checkPassword(newPassword);
  const meta = await requireMeta(db);
  if (rawKey.length !== KEY_BYTES || !(await keyMatches(await importAesKey(rawKey), meta))) throw wrongKey();
  const stored = pickCost(meta.kdf);
  const base = options.allowWeakKdfForTesting === true ? stored : strongerOf(stored, DEFAULT_KDF_COST);
  const kdf = newKdfParams(chooseKdfCost(options, base));
  const next: VaultMeta = {
    ...meta,
    kdf,
    wrappedKey: await wrapDataKey(rawKey, newPassword, meta.vaultId, kdf),
    passwordChangedAt: (options.clock ?? Date.now)(),
  };
  if (!(await replaceMetaIfUnchanged(db, meta, next))) {
    throw new VaultError(
      'conflict',
      'The vault changed while the password was being changed. Nothing was changed; try again.',
    );
  }
}

/** Deletes every store's content in one transaction: accounts, recovery codes, settings, the header. */
export async function wipeVault(db: VaultDb): Promise<void> {
  const tx = db.transaction(['meta', 'accounts', 'recovery', 'settings'], 'readwrite');
  await Promise.all([
    tx.objectStore('meta').clear(),
    tx.objectStore('accounts').clear(),
    tx.objectStore('recovery').clear(),
    tx.objectStore('settings').clear(),
  ]);
  await tx.done;
}

/** Checks that `rawKey` is this vault's data key; used before handing out a session. */
export async function checkKey(db: VaultDb, rawKey: Uint8Array): Promise<VaultMeta> {
  const meta = await readMeta(db);
  if (meta === null) throw wrongKey();
  if (rawKey.length !== KEY_BYTES || !(await keyMatches(await importAesKey(rawKey), meta))) throw wrongKey();
  return meta;
}

async function replaceMetaIfUnchanged(db: VaultDb, read: VaultMeta, next: VaultMeta): Promise<boolean> {
  const tx = db.transaction('meta', 'readwrite');
  const current = await tx.store.get(META_KEY);
  const unchanged = current !== undefined && sameWrap(current, read);
  if (unchanged) await tx.store.put(next, META_KEY);
  await tx.done;
  return unchanged;
}

function definedOnly(cost: Partial<KdfCost>): Partial<KdfCost> {
  return Object.fromEntries(Object.entries(cost).filter(([, value]) => value !== undefined)) as Partial<KdfCost>;
}

const vaultExists = (): VaultError =>
  new VaultError('vault-exists', 'A vault already exists. Unlock it, or wipe it first to start over.');

const wrongKey = (): VaultError =>
  new VaultError('wrong-key', 'The saved unlock key does not belong to this vault. Unlock the vault again.');

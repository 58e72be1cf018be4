import {
  deriveKey,
  equalBytes,
  importAesKey,
  toBase64,
  KdfError,
  KEY_BYTES,
  kdfCostProblem,
  open,
  seal,
  utf8,
  wipeBytes,
  type KdfParams,
} from '../crypto';
import { corruptVault, noVault } from './errors';
import { isPasskeySlot } from './passkey-slots';
import { META_KEY, type StoredKdf, type VaultDb, type VaultMeta } from './schema';

const WRAP_AAD_LABEL = 'bitrix24-authenticator/wrapped-key/v1';
const KEY_CHECK_AAD_LABEL = 'bitrix24-authenticator/key-check/v1';

/**
 * Binds the wrapped key to its vault and to the parameters it was derived with, so lowering the
 * stored parameters (to make guessing cheaper, say) makes the wrap fail instead of working.
 */
function wrapAad(vaultId: string, kdf: StoredKdf): Uint8Array {
  return utf8(
    JSON.stringify([
      WRAP_AAD_LABEL,
      vaultId,
      kdf.algorithm,
      kdf.memoryKiB,
      kdf.iterations,
      kdf.parallelism,
      toBase64(kdf.salt),
    ]),
  );
}

function keyCheckAad(vaultId: string): Uint8Array {
  return utf8(JSON.stringify([KEY_CHECK_AAD_LABEL, vaultId]));
}

/** The data key encrypted under a key derived from `password` with `kdf`. */
export async function wrapDataKey(
  rawKey: Uint8Array,
  password: string,
  vaultId: string,
  kdf: KdfParams,
): Promise<VaultMeta['wrappedKey']> {
  const kek = await deriveKey(password, kdf);
  try {
    const sealed = await seal(await importAesKey(kek), rawKey, wrapAad(vaultId, kdf));
    return { iv: sealed.iv, data: sealed.ciphertext };
  } finally {
    wipeBytes(kek);
  }
}

/**
 * The raw data key, or `null` when the password is wrong: the wrap's GCM tag is what tells.
 * Throws `corrupt-vault` when the stored parameters are out of bounds, before running them.
 */
export async function unwrapDataKey(meta: VaultMeta, password: string): Promise<Uint8Array | null> {
  let kek: Uint8Array;
  try {
    kek = await deriveKey(password, meta.kdf);
  } catch (error) {
    if (error instanceof KdfError) throw corruptVault();
    throw error;
  }
  try {
    const raw = await open(
      await importAesKey(kek),
      { iv: meta.wrappedKey.iv, ciphertext: meta.wrappedKey.data },
      wrapAad(meta.vaultId, meta.kdf),
    );
    if (raw !== null && raw.length !== KEY_BYTES) throw corruptVault();
    return raw;
  } finally {
    wipeBytes(kek);
  }
}

export async function makeKeyCheck(key: CryptoKey, vaultId: string): Promise<VaultMeta['keyCheck']> {
  const sealed = await seal(key, new Uint8Array(0), keyCheckAad(vaultId));
  return { iv: sealed.iv, data: sealed.ciphertext };
}

/** Whether `key` is this vault's data key. */
export async function keyMatches(key: CryptoKey, meta: VaultMeta): Promise<boolean> {
  return (
    (await open(key, { iv: meta.keyCheck.iv, ciphertext: meta.keyCheck.data }, keyCheckAad(meta.vaultId))) !== null
  );
}

/** The vault header, `null` when there is no vault; `corrupt-vault` when it is malformed. */
export async function readMeta(db: VaultDb): Promise<VaultMeta | null> {
  const meta: unknown = await db.get('meta', META_KEY);
  if (meta === undefined) return null;
  if (!isVaultMeta(meta)) throw corruptVault();
  return meta;
}

export async function requireMeta(db: VaultDb): Promise<VaultMeta> {
  const meta = await readMeta(db);
  if (meta === null) throw noVault();
  return meta;
}

/** Whether the stored header is the one read earlier, i.e. nobody re-wrapped the key since. */
export function sameWrap(a: VaultMeta, b: VaultMeta): boolean {
  return a.vaultId === b.vaultId && equalBytes(a.wrappedKey.iv, b.wrappedKey.iv);
}

export function isVaultMeta(value: unknown): value is VaultMeta {
  if (typeof value !== 'object' || value === null) return false;
  const meta = value as Record<string, unknown>;
  return (
    meta.format === 1 &&
    typeof meta.vaultId === 'string' &&
    meta.vaultId !== '' &&
    isStoredKdf(meta.kdf) &&
    isSealedPair(meta.wrappedKey) &&
    isSealedPair(meta.keyCheck) &&
    typeof meta.createdAt === 'number' &&
    typeof meta.passwordChangedAt === 'number' &&
    (meta.passkeys === undefined || (Array.isArray(meta.passkeys) && meta.passkeys.every(isPasskeySlot)))
  );
}

function isStoredKdf(value: unknown): value is StoredKdf {
  if (typeof value !== 'object' || value === null) return false;
  const kdf = value as Record<string, unknown>;
  const { memoryKiB, iterations, parallelism } = kdf;
  if (typeof memoryKiB !== 'number' || typeof iterations !== 'number' || typeof parallelism !== 'number') return false;
  return (
    kdf.algorithm === 'argon2id' &&
    kdf.salt instanceof Uint8Array &&
    kdf.salt.length >= 8 &&
    kdfCostProblem({ memoryKiB, iterations, parallelism }) === null
  );
}

function isSealedPair(value: unknown): value is { iv: Uint8Array; data: Uint8Array } {
  if (typeof value !== 'object' || value === null) return false;
  const { iv, data } = value as Record<string, unknown>;
  return iv instanceof Uint8Array && data instanceof Uint8Array;
}

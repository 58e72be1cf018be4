import { argon2idAsync } from '@noble/hashes/argon2.js';
import { KEY_BYTES } from './aes-gcm';
import { randomBytes, utf8 } from './bytes';
import { KdfError } from './errors';
import { kdfCostProblem, type KdfCost } from './kdf-policy';

export const KDF_ALGORITHM = 'argon2id';
/** Argon2 version 1.3, the only one RFC 9106 specifies. */
export const ARGON2_VERSION = 0x13;
export const SALT_BYTES = 16;

/** Everything needed to derive the same key again; stored next to what the key protects. */
export interface KdfParams extends KdfCost {
  algorithm: typeof KDF_ALGORITHM;
  salt: Uint8Array;
}

export function newKdfParams(cost: KdfCost): KdfParams {
  return { algorithm: KDF_ALGORITHM, ...pickCost(cost), salt: randomBytes(SALT_BYTES) };
}

export function pickCost(cost: KdfCost): KdfCost {
  return { memoryKiB: cost.memoryKiB, iterations: cost.iterations, parallelism: cost.parallelism };
}

/**
 * The same password typed on another system may arrive in another Unicode form (macOS keyboards
 * compose "é" differently than Windows ones); NFC makes both derive the same key.
 */
export function passwordBytes(password: string): Uint8Array<ArrayBuffer> {
  return utf8(password.normalize('NFC'));
}

/**
 * A 256-bit key from `password` with Argon2id. The async variant yields to the event loop, so a
 * service worker stays responsive during the second or two it takes.
 * Throws `KdfError` when the parameters are out of bounds, before allocating anything.
 */
export async function deriveKey(password: string, params: KdfParams): Promise<Uint8Array> {
  return deriveBytes(password, params, KEY_BYTES);
}

/** `length` bytes from `password`, for formats that split the output into a key and a check value. */
export async function deriveBytes(password: string, params: KdfParams, length: number): Promise<Uint8Array> {
  const problem = kdfCostProblem(params);
  if (problem !== null) throw new KdfError(problem.code, problem.message);
  if (params.salt.length < 8) throw new KdfError('kdf-invalid', 'The key derivation salt is too short.');
  return argon2idAsync(passwordBytes(password), params.salt, {
    m: params.memoryKiB,
    t: params.iterations,
    p: params.parallelism,
    version: ARGON2_VERSION,
    dkLen: length,
    // Belt and braces over the bounds check: noble refuses to allocate beyond this.
    maxmem: params.memoryKiB * 1024,
  });
}

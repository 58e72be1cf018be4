import { argon2idAsync } from '@noble/hashes/argon2.js';
import { argon2id as argon2idWasm } from 'hash-wasm';
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
 * A 256-bit key from `password` with Argon2id (WebAssembly, about six times faster than JavaScript
 * here, which buys a higher cost in less time). Throws `KdfError` when the parameters are out of
 * bounds, before allocating anything.
 */
export async function deriveKey(password: string, params: KdfParams): Promise<Uint8Array> {
  return deriveBytes(password, params, KEY_BYTES);
}

/** `length` bytes from `password`, for formats that split the output into a key and a check value. */
export async function deriveBytes(password: string, params: KdfParams, length: number): Promise<Uint8Array> {
  const problem = kdfCostProblem(params);
  if (problem !== null) throw new KdfError(problem.code, problem.message);
  if (params.salt.length < 8) throw new KdfError('kdf-invalid', 'The key derivation salt is too short.');
  return argon2id(passwordBytes(password), params, length);
}

/**
 * Argon2id in WebAssembly (hash-wasm), or in JavaScript where WebAssembly is refused. No bounds
 * checks: for parameters already checked, or fixed by a file format.
 */
export async function argon2id(password: Uint8Array, params: KdfParams, length: number): Promise<Uint8Array> {
  try {
    return await argon2idWasm({
      password,
      salt: params.salt,
      iterations: params.iterations,
      parallelism: params.parallelism,
      memorySize: params.memoryKiB,
      hashLength: length,
      outputType: 'binary',
    });
  } catch (error) {
    // A page whose CSP refuses WebAssembly (no 'wasm-unsafe-eval'), or a browser without it: the
    // same function in JavaScript, several times slower. Both follow RFC 9106 (tests/unit/crypto).
    if (!(error instanceof Error) || !isWasmRefused(error)) throw error;
    fallbackReason = error.message;
    return argon2idJs(password, params, length);
  }
}

let fallbackReason: string | null = null;

/** Why Argon2id last had to run in JavaScript, or null while WebAssembly serves: for the caller to report. */
export function kdfFallbackReason(): string | null {
  return fallbackReason;
}

/** WebAssembly missing, or refused by the page's content security policy. */
function isWasmRefused(error: Error): boolean {
  return typeof WebAssembly === 'undefined' || error.name === 'CompileError' || /WebAssembly|wasm/i.test(error.message);
}

/** Argon2id in JavaScript (@noble/hashes): the fallback, and the independent implementation tests compare with. */
export function argon2idJs(password: Uint8Array, params: KdfParams, length: number): Promise<Uint8Array> {
  return argon2idAsync(password, params.salt, {
    m: params.memoryKiB,
    t: params.iterations,
    p: params.parallelism,
    version: ARGON2_VERSION,
    dkLen: length,
    // Belt and braces over the bounds check: noble refuses to allocate beyond this.
    maxmem: params.memoryKiB * 1024,
  });
}

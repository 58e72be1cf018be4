/**
 * Cryptographic building blocks: AES-256-GCM over WebCrypto, Argon2id key derivation, and the one
 * place the key-derivation floor and bounds are decided. Pure: no storage, no browser APIs.
 */
export { KEY_BYTES, IV_BYTES, TAG_BYTES, importAesKey, seal, sealWithIv, open, type Sealed } from './aes-gcm';
export { fromBase64, toBase64 } from './base64';
export { aesKeyFromSecret } from './hkdf';
export { randomBytes, utf8, fromUtf8, toBuffer, equalBytes, wipeBytes } from './bytes';
export { KdfError, type KdfErrorCode } from './errors';
export {
  ARGON2_VERSION,
  KDF_ALGORITHM,
  SALT_BYTES,
  deriveBytes,
  deriveKey,
  argon2id,
  argon2idJs,
  kdfFallbackReason,
  newKdfParams,
  passwordBytes,
  pickCost,
  type KdfParams,
} from './kdf';
export {
  DEFAULT_KDF_COST,
  KDF_FLOOR,
  MAX_KDF_ITERATIONS,
  MAX_KDF_MEMORY_KIB,
  MAX_KDF_PARALLELISM,
  MAX_KDF_WORK,
  chooseKdfCost,
  isWeaker,
  kdfCostProblem,
  strongerOf,
  type KdfCost,
  type KdfOptions,
} from './kdf-policy';

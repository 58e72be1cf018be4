import { randomBytes, toBuffer } from './bytes';

/** AES-256 keys only: the vault and the backup format never use anything shorter. */
export const KEY_BYTES = 32;
/** 96 bits, the IV length GCM is designed for; a fresh random one per encryption. */
export const IV_BYTES = 12;
/** Full 128-bit tag, appended to the ciphertext as WebCrypto does. */
export const TAG_BYTES = 16;

export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  /** Ciphertext with the 16-byte tag appended. */
  ciphertext: Uint8Array<ArrayBuffer>;
}

/**
 * Imports a raw 256-bit key for AES-GCM. Not extractable: once imported, the key can be used but
 * script can no longer read it back out of the `CryptoKey`.
 */
export async function importAesKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== KEY_BYTES) throw new RangeError(`An AES-256 key has ${KEY_BYTES} bytes, not ${raw.length}.`);
  return crypto.subtle.importKey('raw', toBuffer(raw), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

/** Encrypts with a fresh random IV; `aad` is authenticated but not stored in the ciphertext. */
export async function seal(key: CryptoKey, plaintext: Uint8Array, aad: Uint8Array): Promise<Sealed> {
  return sealWithIv(key, randomBytes(IV_BYTES), plaintext, aad);
}

/**
 * Encrypts under an IV the caller drew with `randomBytes(IV_BYTES)`, for formats whose associated
 * data contains the IV itself. Never reuse an IV with the same key.
 */
export async function sealWithIv(
  key: CryptoKey,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Promise<Sealed> {
  if (iv.length !== IV_BYTES) throw new RangeError(`An AES-GCM IV has ${IV_BYTES} bytes here, not ${iv.length}.`);
  const ownIv = toBuffer(iv);
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: ownIv, additionalData: toBuffer(aad), tagLength: TAG_BYTES * 8 },
    key,
    toBuffer(plaintext),
  );
  return { iv: ownIv, ciphertext: new Uint8Array(ciphertext) };
}

/**
 * The plaintext, or `null` when the tag does not verify: wrong key, altered bytes, or `aad` that
 * differs from what was sealed. WebCrypto cannot tell these apart, and neither can we.
 */
export async function open(
  key: CryptoKey,
  sealed: { iv: Uint8Array; ciphertext: Uint8Array },
  aad: Uint8Array,
): Promise<Uint8Array<ArrayBuffer> | null> {
  if (sealed.iv.length !== IV_BYTES || sealed.ciphertext.length < TAG_BYTES) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: toBuffer(sealed.iv), additionalData: toBuffer(aad), tagLength: TAG_BYTES * 8 },
      key,
      toBuffer(sealed.ciphertext),
    );
    return new Uint8Array(plain);
  } catch {
    return null;
  }
}

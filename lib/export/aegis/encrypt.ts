import { scryptAsync } from '@noble/hashes/scrypt.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { bytesToBase64 } from '../../otp/encoding/base64';
import type { ScryptParams } from '../../import/formats/aegis/scrypt-params';

/** What `header` holds for an encrypted vault, and the encrypted `db`. */
export interface EncryptedVault {
  header: { slots: PasswordSlot[]; params: GcmParams };
  db: string;
}

interface GcmParams {
  nonce: string;
  tag: string;
}

interface PasswordSlot {
  type: 1;
  uuid: string;
  key: string;
  key_params: GcmParams;
  n: number;
  r: number;
  p: number;
  salt: string;
  /** Aegis marks slots written without its old key-derivation bug; new slots are always repaired. */
  repaired: true;
}

/**
 * Encrypts vault content as Aegis does (docs/vault.md): a random master key encrypts `db` with
 * AES-256-GCM, and one password slot holds the master key encrypted with a scrypt-derived key.
 */
export async function encryptAegisDb(dbJson: string, password: string, params: ScryptParams): Promise<EncryptedVault> {
  const masterKey = random(32);
  const salt = random(32);
  const derived = await scryptAsync(new TextEncoder().encode(password), salt, { ...params, dkLen: 32 });
  const wrapped = await aesGcmEncrypt(derived, masterKey);
  const content = await aesGcmEncrypt(masterKey, new TextEncoder().encode(dbJson));
  return {
    header: {
      slots: [
        {
          type: 1,
          uuid: crypto.randomUUID(),
          key: bytesToHex(wrapped.ciphertext),
          key_params: wrapped.params,
          n: params.N,
          r: params.r,
          p: params.p,
          salt: bytesToHex(salt),
          repaired: true,
        },
      ],
      params: content.params,
    },
    db: bytesToBase64(content.ciphertext),
  };
}

/** AES-256-GCM with a fresh nonce; the tag is split off because Aegis stores it apart. */
async function aesGcmEncrypt(
  key: Uint8Array,
  plain: Uint8Array,
): Promise<{ ciphertext: Uint8Array; params: GcmParams }> {
  const nonce = random(12);
  const cryptoKey = await crypto.subtle.importKey('raw', new Uint8Array(key), 'AES-GCM', false, ['encrypt']);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce, tagLength: 128 }, cryptoKey, new Uint8Array(plain)),
  );
  const split = sealed.length - 16;
  return {
    ciphertext: sealed.slice(0, split),
    params: { nonce: bytesToHex(nonce), tag: bytesToHex(sealed.slice(split)) },
  };
}

function random(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

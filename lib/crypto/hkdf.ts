import { toBuffer, utf8 } from './bytes';

/**
 * An AES-256-GCM key from a high-entropy secret (a passkey's PRF output) by HKDF-SHA-256. No
 * stretching: the secret is already 256 random bits, unlike a password. Not extractable.
 */
export async function aesKeyFromSecret(secret: Uint8Array, salt: Uint8Array, info: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', toBuffer(secret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: toBuffer(salt), info: toBuffer(utf8(info)) },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

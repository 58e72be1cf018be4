import { atobBytes } from '../../crypto/base64';

/**
 * Strict Base64 over the platform's atob/btoa. Accepts the standard and URL-safe alphabets, with or
 * without padding, because exports pass through tools that rewrite one into the other.
 * Returns `null` for anything that is not Base64 instead of guessing.
 */
export function base64ToBytes(text: string): Uint8Array | null {
  const standard = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(standard) || standard.length % 4 === 1) return null;
  return atobBytes(standard + '='.repeat((4 - (standard.length % 4)) % 4));
}

/** Standard alphabet, padded: what Google Authenticator and Aegis write (the vault's own encoder). */
export { toBase64 as bytesToBase64 } from '../../crypto/base64';

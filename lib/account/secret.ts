import { Secret } from 'otpauth/slim';
import { AccountError } from './errors';
import { MAX_SECRET_BYTES, MIN_SECRET_BYTES } from './limits';

const BASE32 = /^[A-Z2-7]*$/;
/** Unpadded Base32 lengths that end on a whole byte; any other length means a lost or extra character. */
const WHOLE_BYTE_LENGTHS = new Set([0, 2, 4, 5, 7]);

/**
 * Turns a key as issuers and people write it (lower-case, padded, spaced in fours like Bitrix24
 * shows it) into canonical Base32. Canonical means re-encoded from the decoded bytes, so two
 * spellings of one key compare equal and survive a round trip through byte-based formats.
 */
export function normalizeSecret(raw: string): string {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  if (compact === '') throw new AccountError('missing-secret', 'The secret key is missing.');
  const unpadded = compact.replace(/=+$/, '');
  if (unpadded === '') throw new AccountError('missing-secret', 'The secret key is missing.');
  if (compact.length - unpadded.length > 6) throw badSecret('it ends in too many "=" signs');
  if (!BASE32.test(unpadded)) {
    const bad = [...unpadded].find((c) => !/[A-Z2-7]/.test(c)) ?? '';
    const hint = /[0189]/.test(bad) ? ' (keys use the letters O, I and B, never the digits 0, 1, 8 or 9)' : '';
    throw badSecret(`"${bad}" cannot appear in a key${hint}`);
  }
  if (!WHOLE_BYTE_LENGTHS.has(unpadded.length % 8)) {
    throw badSecret(
      `its length (${unpadded.length} characters) is impossible; a character is probably missing or extra`,
    );
  }
  const bytes = Secret.fromBase32(unpadded).bytes;
  return checkedBase32(bytes);
}

/** Canonical Base32 of raw key bytes (from a binary format such as the Google Authenticator export). */
export function secretFromBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new AccountError('missing-secret', 'The secret key is missing.');
  return checkedBase32(bytes);
}

/** The key bytes of a normalised secret. */
export function secretToBytes(secret: string): Uint8Array {
  return Secret.fromBase32(secret).bytes;
}

function checkedBase32(bytes: Uint8Array): string {
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new AccountError(
      'secret-too-short',
      `The secret key is too short (${bytes.length * 8} bits; at least ${MIN_SECRET_BYTES * 8} are needed). Check that you copied all of it.`,
    );
  }
  if (bytes.length > MAX_SECRET_BYTES) {
    throw new AccountError(
      'secret-too-long',
      `The secret key is too long (${bytes.length} bytes; at most ${MAX_SECRET_BYTES} are supported).`,
    );
  }
  return new Secret({ buffer: copyToArrayBuffer(bytes) }).base32;
}

/** `Secret` takes an ArrayBuffer; a view may share a larger buffer (e.g. a slice of a protobuf). */
function copyToArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return copy;
}

function badSecret(why: string): AccountError {
  return new AccountError('bad-secret', `The secret key is not valid Base32: ${why}.`);
}

import { scryptAsync } from '@noble/hashes/scrypt.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import { importAesKey, open } from '../../../crypto';
import { base64Field } from '../../base64-field';
import { ImportError } from '../../errors';
import { get, isObject, type JsonObject } from '../../json-fields';
import { checkScryptParams } from './scrypt-params';

/** Aegis slot type of a password-derived key (docs/vault.md). */
const PASSWORD_SLOT = 1;
/** Each password slot costs a full scrypt run; a file cannot make us try many. */
const MAX_PASSWORD_SLOTS = 4;

/**
 * Opens an encrypted Aegis vault: unwraps the master key from a password slot (scrypt, then
 * AES-256-GCM), then decrypts `db` with it. Returns the decrypted JSON text.
 * Throws `ImportError` with `password-required`, `wrong-password` or `corrupt`.
 */
export async function decryptAegisDb(header: JsonObject, db: string, password: string | undefined): Promise<string> {
  const slots = get(header, 'slots');
  if (!Array.isArray(slots)) throw corrupt();
  const passwordSlots = slots.filter((s): s is JsonObject => isObject(s) && get(s, 'type') === PASSWORD_SLOT);
  if (passwordSlots.length === 0) {
    throw new ImportError(
      'encrypted-unsupported',
      'This Aegis vault can only be unlocked with biometrics. In Aegis, export it with a password instead.',
    );
  }
  if (password === undefined || password === '') {
    throw new ImportError('password-required', 'This Aegis backup is encrypted. Enter the password you set in Aegis.');
  }
  const params = readParams(get(header, 'params'));
  const ciphertext = base64Field(db, corrupt);

  for (const slot of passwordSlots.slice(0, MAX_PASSWORD_SLOTS)) {
    const masterKey = await unwrapMasterKey(slot, password);
    if (masterKey === null) continue;
    if (masterKey.length !== 32) throw corrupt();
    const plain = await aesGcmDecrypt(masterKey, params.nonce, ciphertext, params.tag);
    if (plain === null) throw corrupt();
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(plain);
    } catch {
      throw corrupt();
    }
  }
  throw new ImportError('wrong-password', 'The password is wrong for this Aegis backup. Check it and try again.');
}

/** The master key, or `null` when the password does not open this slot. */
async function unwrapMasterKey(slot: JsonObject, password: string): Promise<Uint8Array | null> {
  const { N, r, p } = checkScryptParams(get(slot, 'n'), get(slot, 'r'), get(slot, 'p'));
  const salt = hex(get(slot, 'salt'));
  const wrapped = hex(get(slot, 'key'));
  const keyParams = readParams(get(slot, 'key_params'));
  const derived = await scryptAsync(new TextEncoder().encode(password), salt, { N, r, p, dkLen: 32 });
  return aesGcmDecrypt(derived, keyParams.nonce, wrapped, keyParams.tag);
}

/** Aegis stores the GCM tag apart from the ciphertext; WebCrypto wants it appended. No associated data. */
async function aesGcmDecrypt(
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
): Promise<Uint8Array | null> {
  const sealed = new Uint8Array(ciphertext.length + tag.length);
  sealed.set(ciphertext);
  sealed.set(tag, ciphertext.length);
  return open(await importAesKey(key), { iv: nonce, ciphertext: sealed }, new Uint8Array(0));
}

function readParams(params: unknown): { nonce: Uint8Array; tag: Uint8Array } {
  if (!isObject(params)) throw corrupt();
  const nonce = hex(get(params, 'nonce'));
  const tag = hex(get(params, 'tag'));
  if (nonce.length !== 12 || tag.length !== 16) throw corrupt();
  return { nonce, tag };
}

function hex(value: unknown): Uint8Array {
  if (typeof value !== 'string' || value.length === 0) throw corrupt();
  try {
    return hexToBytes(value);
  } catch {
    throw corrupt();
  }
}

function corrupt(): ImportError {
  return new ImportError('corrupt', 'The encrypted Aegis backup is damaged and cannot be opened.');
}

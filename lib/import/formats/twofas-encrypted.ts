import { importAesKey, IV_BYTES, open, TAG_BYTES, toBuffer, utf8 } from '../../crypto';
import { base64Field } from '../base64-field';
import { ImportError } from '../errors';
import { get, isObject, type JsonObject } from '../json-fields';
import type { ImportFormat } from './types';
import { readTwoFasServices } from './twofas';

/**
 * What 2FAS derives the key with (its Android `BackupContent` encryption, and Aegis'
 * `TwoFASImporter`): PBKDF2-HMAC-SHA256 over the password's UTF-8, 10,000 iterations, a 256-bit key.
 */
const PBKDF2_ITERATIONS = 10_000;
const KEY_BITS = 256;
/** Far more than the 256 bytes 2FAS draws; a salt is not a place for a file's bulk. */
const MAX_SALT_BYTES = 1024;

/**
 * A password-protected 2FAS backup: `servicesEncrypted` is `ciphertext:salt:iv`, each Base64, the
 * ciphertext AES-256-GCM with its tag appended, decrypting to the `services[]` a plain backup holds.
 * `reference` is a fixed text encrypted the same way: it tells a wrong password from a damaged file.
 */
export const twoFasEncrypted: ImportFormat = {
  id: '2fas',
  name: '2FAS backup (password-protected)',
  detect: ({ json }) =>
    isObject(json) &&
    typeof get(json, 'servicesEncrypted') === 'string' &&
    get(json, 'servicesEncrypted') !== '' &&
    (Array.isArray(get(json, 'services')) || typeof get(json, 'schemaVersion') === 'number'),
  parse: async ({ json }, { password }) => {
    const backup = json as JsonObject;
    const services = sealedPart(get(backup, 'servicesEncrypted'));
    const rawReference = get(backup, 'reference');
    const reference = typeof rawReference === 'string' && rawReference !== '' ? sealedPart(rawReference) : null;
    if (password === undefined || password === '') {
      throw new ImportError(
        'password-required',
        'This 2FAS backup is password-protected. Enter the password you set in 2FAS.',
      );
    }
    const keys = new KeyCache(password);
    // The reference decrypts only with the right password; after it, a failure is damage.
    if (reference !== null && (await decrypt(reference, await keys.forSalt(reference.salt))) === null) {
      throw wrongPassword();
    }
    const plain = await decrypt(services, await keys.forSalt(services.salt));
    if (plain === null) throw reference === null ? wrongPassword() : corrupt();
    return { entries: readTwoFasServices(parseServices(plain)), warnings: [] };
  },
};

interface SealedPart {
  ciphertext: Uint8Array;
  salt: Uint8Array;
  iv: Uint8Array;
}

/** `ciphertext:salt:iv`; 2FAS writes exactly three parts, each standard Base64. */
function sealedPart(value: unknown): SealedPart {
  if (typeof value !== 'string') throw corrupt();
  const parts = value.split(':');
  if (parts.length !== 3) throw corrupt();
  const [ciphertext, salt, iv] = parts.map((part) => base64Field(part, corrupt)) as [
    Uint8Array,
    Uint8Array,
    Uint8Array,
  ];
  if (ciphertext.length < TAG_BYTES || salt.length === 0 || salt.length > MAX_SALT_BYTES || iv.length !== IV_BYTES) {
    throw corrupt();
  }
  return { ciphertext, salt, iv };
}

/** Both parts normally share one salt, so the key is derived once. */
class KeyCache {
  private readonly keys = new Map<string, Promise<CryptoKey>>();

  constructor(private readonly password: string) {}

  forSalt(salt: Uint8Array): Promise<CryptoKey> {
    const id = [...salt].join(',');
    let key = this.keys.get(id);
    if (key === undefined) {
      key = deriveKey(this.password, salt);
      this.keys.set(id, key);
    }
    return key;
  }
}

async function deriveKey(password: string, salt: Uint8Array): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: toBuffer(salt), iterations: PBKDF2_ITERATIONS },
    material,
    KEY_BITS,
  );
  return importAesKey(new Uint8Array(bits));
}

function decrypt(part: SealedPart, key: CryptoKey): Promise<Uint8Array | null> {
  return open(key, { iv: part.iv, ciphertext: part.ciphertext }, new Uint8Array(0));
}

function parseServices(plain: Uint8Array): unknown[] {
  let services: unknown;
  try {
    services = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch {
    throw new ImportError('corrupt', 'The 2FAS backup opened, but its contents are damaged.');
  }
  if (!Array.isArray(services)) throw new ImportError('corrupt', 'The 2FAS backup opened, but holds no account list.');
  return services;
}

function wrongPassword(): ImportError {
  return new ImportError('wrong-password', 'The password is wrong for this 2FAS backup. Check it and try again.');
}

function corrupt(): ImportError {
  return new ImportError('corrupt', 'The encrypted 2FAS backup is damaged and cannot be opened.');
}

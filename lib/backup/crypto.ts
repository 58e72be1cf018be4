import {
  chooseKdfCost,
  deriveBytes,
  fromBase64,
  toBase64,
  equalBytes,
  fromUtf8,
  importAesKey,
  IV_BYTES,
  KdfError,
  KEY_BYTES,
  newKdfParams,
  open,
  randomBytes,
  sealWithIv,
  TAG_BYTES,
  toBuffer,
  utf8,
  wipeBytes,
  type KdfOptions,
  type KdfParams,
} from '../crypto';
import { BackupError, corruptBackup } from './errors';
import { readEnvelope } from './envelope';
import {
  BACKUP_CIPHER,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  headerAad,
  type BackupEnvelope,
  type BackupHeader,
} from './format';
import { readPayload, type BackupPayload } from './payload';

/** Argon2id output: the first half is the AES key, the second half feeds the password check. */
const DERIVED_BYTES = 2 * KEY_BYTES;

/**
 * Encrypts the whole vault content under `password` into the backup file's text. The cost
 * follows the same floor as the vault (`options.kdf`, `allowWeakKdfForTesting`).
 */
export async function encryptBackup(
  payload: BackupPayload,
  password: string,
  options: KdfOptions = {},
): Promise<string> {
  checkPassword(password);
  const kdf = newKdfParams(chooseKdfCost(options));
  const { key, check } = await deriveKeyAndCheck(password, kdf);
  const iv = randomBytes(IV_BYTES);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    kdf: {
      algorithm: 'argon2id',
      memoryKiB: kdf.memoryKiB,
      iterations: kdf.iterations,
      parallelism: kdf.parallelism,
      salt: toBase64(kdf.salt),
    },
    cipher: { algorithm: BACKUP_CIPHER, iv: toBase64(iv) },
    passwordCheck: toBase64(check),
  };
  // The IV is drawn first because it is part of the header, which is the associated data.
  const sealed = await sealWithIv(key, iv, utf8(JSON.stringify(payload)), utf8(headerAad(header)));
  const envelope: BackupEnvelope = { ...header, data: toBase64(sealed.ciphertext) };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

/**
 * Opens a backup file. Checks run cheapest first, and the key-derivation cost named by the file is
 * bounded before any of it runs. Throws `BackupError`: `not-a-backup`, `unsupported-version`,
 * `corrupt`, `unsafe-parameters`, `wrong-password`, `empty-password`, `too-large`.
 */
export async function decryptBackup(text: string, password: string): Promise<BackupPayload> {
  const envelope = readEnvelope(text);
  checkPassword(password);
  const salt = strictBase64(envelope.kdf.salt);
  const iv = strictBase64(envelope.cipher.iv);
  const expectedCheck = strictBase64(envelope.passwordCheck);
  const data = strictBase64(envelope.data);
  if (iv.length !== IV_BYTES || data.length < TAG_BYTES || expectedCheck.length !== 32) throw corruptBackup();

  const kdf: KdfParams = { ...envelope.kdf, salt };
  let derived: { key: CryptoKey; check: Uint8Array };
  try {
    derived = await deriveKeyAndCheck(password, kdf);
  } catch (error) {
    if (error instanceof KdfError) throw corruptBackup();
    throw error;
  }
  if (!equalBytes(derived.check, expectedCheck)) {
    throw new BackupError(
      'wrong-password',
      'The password is wrong for this backup. Use the password you set when you exported it.',
    );
  }
  const plain = await open(derived.key, { iv, ciphertext: data }, utf8(headerAad(envelope)));
  // The password was right, so a failing tag means the file was altered or cut short.
  if (plain === null) throw corruptBackup();
  const json = fromUtf8(plain);
  if (json === null) throw corruptBackup();
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw corruptBackup();
  }
  return readPayload(value);
}

async function deriveKeyAndCheck(password: string, kdf: KdfParams): Promise<{ key: CryptoKey; check: Uint8Array }> {
  const bytes = await deriveBytes(password, kdf, DERIVED_BYTES);
  try {
    const key = await importAesKey(bytes.subarray(0, KEY_BYTES));
    // Hashed so the check value says nothing about the key half, even in theory.
    const check = new Uint8Array(await crypto.subtle.digest('SHA-256', toBuffer(bytes.subarray(KEY_BYTES))));
    return { key, check };
  } finally {
    wipeBytes(bytes);
  }
}

/** Only the exact Base64 we write, so the header bound as AAD is the header that was read. */
function strictBase64(value: string): Uint8Array {
  const bytes = fromBase64(value);
  if (bytes === null) throw corruptBackup();
  return bytes;
}

function checkPassword(password: string): void {
  if (typeof password !== 'string' || password === '') {
    throw new BackupError('empty-password', 'Enter the backup password.');
  }
}

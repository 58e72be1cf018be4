import { argon2id, importAesKey, IV_BYTES, KDF_ALGORITHM, open, TAG_BYTES, utf8, type KdfCost } from '../../../crypto';
import { base64Field } from '../../base64-field';
import { ImportError } from '../../errors';

/**
 * Proton Authenticator's password export (proton-pass-common, `proton-authenticator/src/entry/
 * password_exporter.rs` and `src/crypto.rs`): the key is Argon2id v1.3 over the password's UTF-8
 * (not normalised) and a 16-byte salt, m = 19 MiB, t = 2, p = 1, 32 bytes. The cost is fixed by
 * the app, not written in the file, so a file cannot ask for more.
 */
const PROTON_ARGON2: Readonly<KdfCost> = Object.freeze({ memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 });
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** `content` is the 12-byte nonce, then AES-256-GCM ciphertext with its tag, under this associated data. */
const AAD = utf8('proton.authenticator.export.v1');

/**
 * The plain export's JSON text inside an encrypted Proton Authenticator export.
 * Throws `ImportError` with `password-required`, `wrong-password` or `corrupt`.
 */
export async function decryptProtonExport(
  salt: string,
  content: string,
  password: string | undefined,
): Promise<string> {
  const saltBytes = base64Field(salt, corrupt);
  const sealed = base64Field(content, corrupt);
  if (saltBytes.length !== SALT_BYTES || sealed.length < IV_BYTES + TAG_BYTES) throw corrupt();
  if (password === undefined || password === '') {
    throw new ImportError(
      'password-required',
      'This Proton Authenticator export is password-protected. Enter the password you set when exporting.',
    );
  }
  const key = await importAesKey(
    await argon2id(utf8(password), { algorithm: KDF_ALGORITHM, salt: saltBytes, ...PROTON_ARGON2 }, KEY_BYTES),
  );
  const plain = await open(key, { iv: sealed.subarray(0, IV_BYTES), ciphertext: sealed.subarray(IV_BYTES) }, AAD);
  // GCM authenticates the whole export: a failure is the password (or, far less likely, damage).
  if (plain === null) {
    throw new ImportError(
      'wrong-password',
      'The password is wrong for this Proton Authenticator export. Check it and try again.',
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    throw new ImportError('corrupt', 'The Proton Authenticator export opened, but its contents are damaged.');
  }
}

function corrupt(): ImportError {
  return new ImportError('corrupt', 'The encrypted Proton Authenticator export is damaged and cannot be opened.');
}

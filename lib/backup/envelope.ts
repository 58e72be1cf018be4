import { kdfCostProblem } from '../crypto';
import { BackupError, corruptBackup } from './errors';
import {
  BACKUP_CIPHER,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  detectBackup,
  MAX_BACKUP_LENGTH,
  type BackupEnvelope,
} from './format';

const ENVELOPE_KEYS = ['format', 'version', 'kdf', 'cipher', 'passwordCheck', 'data'];
const KDF_KEYS = ['algorithm', 'memoryKiB', 'iterations', 'parallelism', 'salt'];
const CIPHER_KEYS = ['algorithm', 'iv'];

/**
 * Parses and checks the envelope without any cryptography. Strict: a field this version does not
 * define would not be covered by the associated data, so its presence means the file was edited.
 */
export function readEnvelope(text: string): BackupEnvelope {
  if (typeof text === 'string' && text.length > MAX_BACKUP_LENGTH) {
    throw new BackupError('too-large', 'This file is too large to be a backup of this extension.');
  }
  if (!detectBackup(text)) throw notABackup();
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw corruptBackup('It looks cut short.');
  }
  if (!isObject(json) || json.format !== BACKUP_FORMAT) throw notABackup();
  const { version } = json;
  if (version !== BACKUP_VERSION) {
    if (typeof version === 'number' && Number.isSafeInteger(version) && version > BACKUP_VERSION) {
      throw new BackupError(
        'unsupported-version',
        'This backup was made by a newer version of Bitrix24 Authenticator. Update the extension to restore it.',
      );
    }
    throw corruptBackup();
  }
  const { kdf, cipher, passwordCheck, data } = json;
  if (!hasExactly(json, ENVELOPE_KEYS) || !isObject(kdf) || !isObject(cipher)) throw corruptBackup();
  if (typeof passwordCheck !== 'string' || typeof data !== 'string') throw corruptBackup();
  if (!hasExactly(kdf, KDF_KEYS) || !hasExactly(cipher, CIPHER_KEYS)) throw corruptBackup();
  const { algorithm, memoryKiB, iterations, parallelism, salt } = kdf;
  if (algorithm !== 'argon2id' || typeof salt !== 'string') throw corruptBackup();
  if (typeof memoryKiB !== 'number' || typeof iterations !== 'number' || typeof parallelism !== 'number') {
    throw corruptBackup();
  }
  const problem = kdfCostProblem({ memoryKiB, iterations, parallelism });
  if (problem?.code === 'kdf-too-costly') {
    throw new BackupError(
      'unsafe-parameters',
      'This backup asks for more memory or time to open than the extension allows. It was not made by this extension.',
    );
  }
  if (problem !== null) throw corruptBackup();
  if (cipher.algorithm !== BACKUP_CIPHER || typeof cipher.iv !== 'string') throw corruptBackup();
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    kdf: { algorithm, memoryKiB, iterations, parallelism, salt },
    cipher: { algorithm: BACKUP_CIPHER, iv: cipher.iv },
    passwordCheck,
    data,
  };
}

function hasExactly(object: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(object);
  return own.length === keys.length && keys.every((key) => Object.hasOwn(object, key));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const notABackup = (): BackupError =>
  new BackupError('not-a-backup', 'This file is not a Bitrix24 Authenticator backup.');

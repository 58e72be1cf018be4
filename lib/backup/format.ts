/** The value of `format` in every backup file. */
export const BACKUP_FORMAT = 'bitrix24-authenticator-backup';
export const BACKUP_VERSION = 1;
export const BACKUP_CIPHER = 'AES-256-GCM';
/** Real backups are a few KB per account; this is far beyond any of them. */
export const MAX_BACKUP_LENGTH = 8 * 1024 * 1024;

/**
 * The backup file (docs/backup-format.md). Everything but `data` is the header; the header is
 * bound to the ciphertext as associated data, so no field can be changed without detection.
 */
export interface BackupEnvelope {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  kdf: {
    algorithm: 'argon2id';
    memoryKiB: number;
    iterations: number;
    parallelism: number;
    /** Base64, 16 bytes. */
    salt: string;
  };
  cipher: {
    algorithm: typeof BACKUP_CIPHER;
    /** Base64, 12 bytes. */
    iv: string;
  };
  /** Base64 SHA-256 of the second half of the derived bytes: tells a wrong password from damage. */
  passwordCheck: string;
  /** Base64 ciphertext of the payload JSON with the 16-byte GCM tag appended. */
  data: string;
}

export type BackupHeader = Omit<BackupEnvelope, 'data'>;

/**
 * The associated data: the header as JSON with keys in exactly this order and no spaces.
 * Rebuilt field by field rather than taken from the file, so the bytes are the same however the
 * file was formatted.
 */
export function headerAad(header: BackupHeader): string {
  return JSON.stringify({
    format: header.format,
    version: header.version,
    kdf: {
      algorithm: header.kdf.algorithm,
      memoryKiB: header.kdf.memoryKiB,
      iterations: header.kdf.iterations,
      parallelism: header.kdf.parallelism,
      salt: header.kdf.salt,
    },
    cipher: { algorithm: header.cipher.algorithm, iv: header.cipher.iv },
    passwordCheck: header.passwordCheck,
  });
}

/**
 * A cheap look at whether `text` is meant to be one of our backups, for the import screen to pick
 * the right path before asking for a password. True for damaged backups too, so they are
 * reported as damaged rather than as some other file.
 */
export function detectBackup(text: string): boolean {
  if (typeof text !== 'string' || text.length > MAX_BACKUP_LENGTH) return false;
  return /^\s*\{/.test(text) && /"format"\s*:\s*"bitrix24-authenticator-backup"/.test(text);
}

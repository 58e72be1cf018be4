import { CodedError } from '../coded-error';

/** Stable codes so the UI can translate; the message is the English fallback. */
export type BackupErrorCode =
  /** Not this extension's backup file at all. */
  | 'not-a-backup'
  /** A backup from a newer version of the extension. */
  | 'unsupported-version'
  /** Truncated, altered or otherwise damaged. */
  | 'corrupt'
  | 'wrong-password'
  | 'empty-password'
  /** The file asks for key-derivation work beyond what the extension agrees to run. */
  | 'unsafe-parameters'
  | 'too-large';

/** A backup cannot be written or read; on import, nothing was changed. */
export class BackupError extends CodedError<BackupErrorCode> {
  override readonly name = 'BackupError';
}

export const corruptBackup = (detail = 'It may be incomplete or altered.'): BackupError =>
  new BackupError('corrupt', `This backup file is damaged and cannot be restored. ${detail}`);

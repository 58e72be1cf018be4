import { aegis } from './aegis';
import { andOtp } from './andotp';
import { bitwarden } from './bitwarden';
import { otpauthText } from './otpauth-text';
import { twoFas } from './twofas';
import type { ImportFormat } from './types';

/**
 * EXTENSION POINT: this extension's own backup format.
 *
 * The vault issue defines that format; until then there is none and nothing here guesses at it.
 * To add it, implement `ImportFormat` with `id: 'own-backup'` in `./own-backup.ts` (its `parse`
 * receives `options.password` for an encrypted backup and should throw `ImportError` with
 * `password-required` / `wrong-password` like the Aegis reader) and assign it here. It is tried
 * before every other format so that a backup that happens to look like another app's JSON is
 * still read as ours.
 */
const OWN_BACKUP_FORMAT: ImportFormat | null = null;

/** Formats in detection order: the first whose `detect` accepts the file reads it. */
export const IMPORT_FORMATS: readonly ImportFormat[] = [
  ...(OWN_BACKUP_FORMAT === null ? [] : [OWN_BACKUP_FORMAT]),
  aegis,
  twoFas,
  bitwarden,
  andOtp,
  otpauthText,
];

export type { FormatId, ImportFormat, ParseOptions } from './types';

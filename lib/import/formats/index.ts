import { aegis } from './aegis';
import { andOtp } from './andotp';
import { bitwarden } from './bitwarden';
import { otpauthText } from './otpauth-text';
import { ownBackup } from './own-backup';
import { twoFas } from './twofas';
import type { ImportFormat } from './types';

/**
 * Formats in detection order: the first whose `detect` accepts the file reads it. Our own backup
 * comes first so that it is never mistaken for another app's JSON.
 */
export const IMPORT_FORMATS: readonly ImportFormat[] = [ownBackup, aegis, twoFas, bitwarden, andOtp, otpauthText];

export type { FormatId, ImportFormat, ParseOptions } from './types';

import { aegis } from './aegis';
import { andOtp } from './andotp';
import { authenticatorPro } from './authenticator-pro';
import { authy } from './authy';
import { bitwarden } from './bitwarden';
import { freeOtpPlus } from './freeotp-plus';
import { otpauthText } from './otpauth-text';
import { ownBackup } from './own-backup';
import { protonAuthenticator } from './proton';
import { twoFas } from './twofas';
import { twoFasEncrypted } from './twofas-encrypted';
import type { ImportFormat } from './types';

/**
 * Formats in detection order: the first whose `detect` accepts the file reads it. Our own backup
 * comes first so that it is never mistaken for another app's JSON; the encrypted 2FAS backup
 * before the plain one, whose shape it shares; Authy's loosely shaped token lists after every
 * format with a name of its own, and before andOTP, whose bare arrays they resemble.
 */
export const IMPORT_FORMATS: readonly ImportFormat[] = [
  ownBackup,
  aegis,
  protonAuthenticator,
  twoFasEncrypted,
  twoFas,
  freeOtpPlus,
  authenticatorPro,
  bitwarden,
  authy,
  andOtp,
  otpauthText,
];

export type { FormatId, ImportFormat, ParseOptions } from './types';

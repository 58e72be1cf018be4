import { toBase64 } from '@/lib/crypto/base64';

/** A chosen file's bytes as the protocol carries them. */
export async function fileAsBase64(file: Blob): Promise<string> {
  return toBase64(new Uint8Array(await file.arrayBuffer()));
}

/** Import formats by the names their apps go by; the names are brands, not words to translate. */
export const FORMAT_NAMES: Record<string, string> = {
  'own-backup': 'Bitrix24 Authenticator',
  aegis: 'Aegis',
  '2fas': '2FAS',
  andotp: 'andOTP',
  bitwarden: 'Bitwarden',
  'otpauth-text': 'otpauth://',
  proton: 'Proton Authenticator',
  'freeotp-plus': 'FreeOTP+',
  'authenticator-pro': 'Authenticator Pro',
  authy: 'Authy',
};

import type { RgbaImage } from '../../../lib/qr';
import { random } from './pictures';
import { encodeQr } from './qrencode';

/** Otpauth links shaped exactly like Bitrix24's (BITRIX.md): secret first, the rest sorted. */

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 32 Base32 characters: Bitrix24's 20-byte secret. */
export function base32Secret(seed: number): string {
  const next = random(seed);
  let secret = '';
  for (let i = 0; i < 32; i++) secret += BASE32[Math.floor(next() * 32)];
  return secret;
}

export function bitrixTotpUri(host: string, login: string, secret: string): string {
  return `otpauth://totp/${encodeURIComponent(`${host}:${login}`)}?secret=${secret}&algorithm=SHA1&digits=6&issuer=${host}&period=30`;
}

export function bitrixHotpUri(host: string, login: string, secret: string): string {
  return `otpauth://hotp/${encodeURIComponent(`${host}:${login}`)}?secret=${secret}&algorithm=SHA1&counter=1&digits=6&issuer=${host}`;
}

/** A typical cloud enrolment link: a longish portal name and an e-mail login. */
export const BITRIX_URI = bitrixTotpUri('b24-k7x3qp.bitrix24.com', 'anna.petrova@example.com', base32Secret(1));

/** BITRIX_URI as a crisp QR code, 2 px a module with its quiet zone, at Bitrix24's error correction H. */
export function bitrixCode(): RgbaImage {
  return encodeQr(BITRIX_URI, { module: 2, margin: 4, level: 'H' });
}

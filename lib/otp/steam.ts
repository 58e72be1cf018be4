import { HOTP, TOTP, type Secret } from 'otpauth/slim';

/** Steam's code alphabet: digits and consonants without look-alikes. */
const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';
const STEAM_LENGTH = 5;

/**
 * Steam Guard codes are RFC 6238 TOTP up to dynamic truncation, then spelled in base 26 instead of
 * reduced modulo 10^digits. Asking `otpauth` for 10 digits returns the whole 31-bit truncated value
 * (2^31 < 10^10), which is exactly Steam's input.
 */
export function steamCode(secret: Secret, period: number, timestamp: number): string {
  const counter = TOTP.counter({ period, timestamp });
  let value = Number(HOTP.generate({ secret, algorithm: 'SHA1', digits: 10, counter }));
  let code = '';
  for (let i = 0; i < STEAM_LENGTH; i++) {
    code += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}

// @ts-check
/**
 * One-time password arithmetic of the demo portal, written after Bitrix's own
 * (modules/security/lib/mfa: OtpAlgorithm, TotpAlgorithm, HotpAlgorithm, RecoveryCodesTable).
 * Pure functions only: the caller stores the results.
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export const SECRET_LENGTH = 20; // bytes, as Bitrix (Otp::SECRET_LENGTH)
export const DIGITS = 6;
export const PERIOD = 30; // seconds
export const TOTP_WINDOW = 2; // steps either side of the stored drift
export const TOTP_SYNC_WINDOW = 180; // steps searched when a TOTP device is connected
export const HOTP_WINDOW = 10; // counters looked at from the stored counter
export const HOTP_SYNC_WINDOW = 15000; // counters searched when a HOTP device is connected
export const RECOVERY_CODES_PER_USER = 10;
export const RECOVERY_CODE_PATTERN = /^[a-z0-9]{4}-[a-z0-9]{4}$/;
export const OTP_CODE_PATTERN = /^\d{6}$/;

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * RFC 4648 Base32, upper case, without padding.
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function base32Encode(bytes) {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/**
 * Decodes Base32 (case-insensitive; spaces, dashes and trailing '=' are ignored).
 * @param {string} text
 * @returns {Buffer}
 * @throws {Error} on characters outside the alphabet
 */
export function base32Decode(text) {
  const clean = text.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  /** @type {number[]} */
  const out = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const index = BASE32_ALPHABET.indexOf(ch);
    if (index < 0) throw new Error(`Not a Base32 character: ${JSON.stringify(ch)}`);
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** @returns {string} a new secret: 20 random bytes in Base32 (32 characters) */
export function generateSecret() {
  return base32Encode(randomBytes(SECRET_LENGTH));
}

/**
 * "ABCD EFGH ..." as Bitrix shows the secret for manual entry.
 * @param {string} secret Base32
 */
export function spacedSecret(secret) {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}

/**
 * Bitrix uses SHA-256 for secrets longer than 25 bytes (hardware tokens), SHA-1 otherwise.
 * @param {Uint8Array} key
 * @returns {'sha1' | 'sha256'}
 */
export function digestFor(key) {
  return key.length > 25 ? 'sha256' : 'sha1';
}

/**
 * RFC 4226 HOTP value for one counter.
 * @param {string} secret Base32
 * @param {number} counter
 * @returns {string} 6 digits
 */
export function hotp(secret, counter) {
  return hotpWithKey(base32Decode(secret), counter);
}

/**
 * @param {Buffer} key
 * @param {number} counter
 */
function hotpWithKey(key, counter) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const hash = createHmac(digestFor(key), key).update(message).digest();
  const offset = /** @type {number} */ (hash[hash.length - 1]) & 0x0f;
  const code = hash.readUInt32BE(offset) & 0x7fffffff;
  return String(code % 10 ** DIGITS).padStart(DIGITS, '0');
}

/**
 * @param {number} ms Unix time in milliseconds
 * @returns {number} the TOTP time step
 */
export function timeStep(ms) {
  return Math.floor(ms / 1000 / PERIOD);
}

/**
 * @param {string} secret Base32
 * @param {number} ms Unix time in milliseconds
 */
export function totp(secret, ms) {
  return hotp(secret, timeStep(ms));
}

/**
 * Timing-safe comparison of two short strings.
 * @param {string} a
 * @param {string} b
 */
export function safeEqual(a, b) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Checks a TOTP code as Bitrix's TotpAlgorithm::verify does: first at the stored drift, then (if the
 * drift is not zero) at the real time, then at drift-2 .. drift+2. A step at or before the last accepted
 * one is refused (replay).
 * @param {string} secret Base32
 * @param {string} input the code typed by the user
 * @param {{ drift: number, lastStep: number }} params
 * @param {number} nowMs
 * @returns {{ ok: true, drift: number, step: number } | { ok: false }}
 */
export function verifyTotp(secret, input, params, nowMs) {
  if (!OTP_CODE_PATTERN.test(input)) return { ok: false };
  const current = timeStep(nowMs);
  const drift = params.drift;
  const offsets = [drift];
  if (drift !== 0) offsets.push(0);
  for (let i = drift - TOTP_WINDOW; i <= drift + TOTP_WINDOW; i++) offsets.push(i);
  for (const offset of offsets) {
    const step = current + offset;
    if (params.lastStep && step <= params.lastStep) continue;
    if (step < 0) continue;
    if (safeEqual(input, hotp(secret, step))) return { ok: true, drift: offset, step };
  }
  return { ok: false };
}

/**
 * Checks a HOTP code as Bitrix's HotpAlgorithm::verify does: counters c .. c+9 from the stored counter c.
 * @param {string} secret Base32
 * @param {string} input
 * @param {number} counter the stored counter
 * @returns {{ ok: true, counter: number } | { ok: false }} counter: the new stored counter (accepted + 1)
 */
export function verifyHotp(secret, input, counter) {
  if (!OTP_CODE_PATTERN.test(input)) return { ok: false };
  for (let c = counter; c < counter + HOTP_WINDOW; c++) {
    if (safeEqual(input, hotp(secret, c))) return { ok: true, counter: c + 1 };
  }
  return { ok: false };
}

/**
 * Connecting a TOTP device (TotpAlgorithm::getSyncParameters): one code, searched at the current time,
 * then at offsets -180 .. +179 steps. The offset found becomes the drift; no step is marked as used.
 * @param {string} secret
 * @param {string} input
 * @param {number} nowMs
 * @returns {{ drift: number } | null}
 */
export function syncTotp(secret, input, nowMs) {
  if (!OTP_CODE_PATTERN.test(input)) return null;
  const current = timeStep(nowMs);
  if (safeEqual(input, hotp(secret, current))) return { drift: 0 };
  for (let offset = -TOTP_SYNC_WINDOW; offset < TOTP_SYNC_WINDOW; offset++) {
    if (current + offset < 0) continue;
    if (safeEqual(input, hotp(secret, current + offset))) return { drift: offset };
  }
  return null;
}

/**
 * Connecting a HOTP device (HotpAlgorithm::getSyncParameters): two consecutive codes, searched at
 * counters 0 .. 14999 for the first one. As in Bitrix, the stored counter becomes the counter of the
 * second code.
 * @param {string} secret
 * @param {string} inputA
 * @param {string} inputB
 * @returns {{ counter: number } | null}
 */
export function syncHotp(secret, inputA, inputB) {
  if (!OTP_CODE_PATTERN.test(inputA) || !OTP_CODE_PATTERN.test(inputB)) return null;
  const key = base32Decode(secret);
  for (let c = 0; c < HOTP_SYNC_WINDOW; c++) {
    if (safeEqual(inputA, hotpWithKey(key, c)) && safeEqual(inputB, hotpWithKey(key, c + 1))) {
      return { counter: c + 1 };
    }
  }
  return null;
}

const RECOVERY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** @returns {string} one recovery code, e.g. "ab12-cd34" */
export function generateRecoveryCode() {
  let s = '';
  for (let i = 0; i < 8; i++) s += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** @returns {{ code: string, used: boolean }[]} ten fresh, distinct recovery codes */
export function generateRecoveryCodes() {
  /** @type {Set<string>} */
  const codes = new Set();
  while (codes.size < RECOVERY_CODES_PER_USER) codes.add(generateRecoveryCode());
  return [...codes].map((code) => ({ code, used: false }));
}

/**
 * PHP rawurlencode(): like encodeURIComponent, but also encodes !'()*
 * @param {string} s
 */
export function rawUrlEncode(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The provisioning URI as Bitrix builds it (OtpAlgorithm::generateUri): secret first, then the other
 * parameters sorted by name; TOTP adds period=30, HOTP adds counter=1 (and no period).
 * @param {{ type: 'totp' | 'hotp', secret: string, issuer: string, login: string }} p
 */
export function provisioningUri({ type, secret, issuer, login }) {
  const key = base32Decode(secret);
  /** @type {Record<string, string>} */
  const opts = {
    algorithm: digestFor(key).toUpperCase(),
    digits: String(DIGITS),
    issuer,
  };
  if (type === 'totp') opts.period = String(PERIOD);
  else opts.counter = '1';
  const query = [
    `secret=${base32Encode(key)}`,
    ...Object.keys(opts)
      .sort()
      .map((k) => `${rawUrlEncode(k)}=${rawUrlEncode(/** @type {string} */ (opts[k]))}`),
  ].join('&');
  const label = issuer ? `${issuer}:${login}` : login;
  return `otpauth://${type}/${rawUrlEncode(label)}?${query}`;
}

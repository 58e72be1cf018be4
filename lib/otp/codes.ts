import { HOTP, Secret, TOTP } from 'otpauth/slim';
import type { Account } from '../account';
import { limits } from '../account';
import { CodeError } from './errors';
import { steamCode } from './steam';

/** Current time in Unix milliseconds. Injected so clock-offset correction can wrap it later. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/**
 * The code of `account` at `at`: Unix milliseconds for TOTP (and Steam), the counter for HOTP.
 * Pure: it never reads the clock and never advances an HOTP counter.
 */
export function codeAt(account: Account, at: number): string {
  if (account.type === 'recovery')
    throw new CodeError('recovery-only', 'This account keeps only recovery codes; it has no one-time codes.');
  const secret = Secret.fromBase32(account.secret);
  if (account.type === 'hotp') {
    if (!Number.isSafeInteger(at) || at < 0 || at > limits.MAX_COUNTER) {
      throw new CodeError('bad-counter', `There is no code for counter ${at}; counters are whole numbers from 0.`);
    }
    return HOTP.generate({ secret, algorithm: account.algorithm, digits: account.digits, counter: at });
  }
  // TOTP counters are 64-bit in the RFC, but only safe integers survive as JavaScript numbers.
  if (!Number.isFinite(at) || at < 0 || at > Number.MAX_SAFE_INTEGER) {
    throw new CodeError('bad-time', `There is no code for the time ${at}; times are Unix milliseconds from 0.`);
  }
  if (account.steam) return steamCode(secret, account.period, at);
  return TOTP.generate({
    secret,
    algorithm: account.algorithm,
    digits: account.digits,
    period: account.period,
    timestamp: at,
  });
}

export interface CurrentCode {
  code: string;
  /** Unix ms at which a TOTP code stops being valid; `null` for HOTP, whose codes do not expire. */
  expiresAt: number | null;
}

/** The code to show now: TOTP reads `clock`, HOTP uses the account's stored counter. */
export function currentCode(account: Account, clock: Clock = systemClock): CurrentCode {
  if (account.type === 'hotp') return { code: codeAt(account, account.counter), expiresAt: null };
  const now = clock();
  const code = codeAt(account, now);
  const step = TOTP.counter({ period: account.period, timestamp: now });
  return { code, expiresAt: (step + 1) * account.period * 1000 };
}

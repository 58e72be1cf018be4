/**
 * Bounds on account fields. They reject typos and hostile input, not real accounts: each is wider
 * than anything a known issuer or authenticator app produces.
 */

export const DEFAULT_PERIOD = 30;
export const DEFAULT_DIGITS = 6;
export const STEAM_DIGITS = 5;

export const MIN_DIGITS = 6;
export const MAX_DIGITS = 8;

/** Largest period a Java `int` holds, which is how Aegis and andOTP store it. */
export const MAX_PERIOD = 2_147_483_647;

/** Counters beyond this lose precision as JavaScript numbers. */
export const MAX_COUNTER = Number.MAX_SAFE_INTEGER;

/**
 * 80 bits: the shortest key Google Authenticator accepts when typed, and what many services issue.
 * Anything shorter is nearly always a partial copy.
 */
export const MIN_SECRET_BYTES = 10;
/** HMAC hashes keys longer than a block (64 or 128 bytes), so longer keys add nothing. */
export const MAX_SECRET_BYTES = 128;

export const MAX_LABEL_LENGTH = 256;
export const MAX_ISSUER_LENGTH = 256;
export const MAX_ORIGINS = 32;
export const MAX_ORIGIN_LENGTH = 2048;

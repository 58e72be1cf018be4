/**
 * Backoff for master-password attempts: the first few wrong passwords cost nothing (typos), then
 * each further one doubles the wait before the next attempt is even tried. Argon2id makes each
 * guess slow; this makes many guesses slower still, from any page that can send an unlock.
 *
 * Pure: the caller keeps the record (storage that survives a service-worker restart) and the clock.
 */

/** Wrong passwords allowed without any wait. */
export const FREE_UNLOCK_ATTEMPTS = 5;
/** The wait after the first failure beyond the free ones; it doubles with each further failure. */
export const FIRST_UNLOCK_DELAY_MS = 30_000;
/** The longest wait between two attempts. */
export const MAX_UNLOCK_DELAY_MS = 15 * 60_000;

/** Wrong passwords since the last right one, and when the last one was tried (Unix ms). */
export interface UnlockFailures {
  count: number;
  lastAt: number;
}

/** The wait that `count` failures in a row impose after the last of them. */
export function unlockDelayMs(count: number): number {
  if (count < FREE_UNLOCK_ATTEMPTS) return 0;
  // 2 ** n overflows to Infinity for a huge count, and min() caps it: no NaN, no wrap-around.
  return Math.min(MAX_UNLOCK_DELAY_MS, FIRST_UNLOCK_DELAY_MS * 2 ** (count - FREE_UNLOCK_ATTEMPTS));
}

/**
 * How long from `now` until the next attempt may run; 0 when it may run now. A last failure dated
 * in the future (the clock was set back) counts as just now, so the wait is never longer than
 * the delay and never skipped.
 */
export function unlockWaitMs(failures: UnlockFailures | null, now: number): number {
  if (failures === null) return 0;
  const delay = unlockDelayMs(failures.count);
  const since = Math.max(0, now - failures.lastAt);
  return Math.max(0, delay - since);
}

/** The record after another wrong password at `now`. A right password clears it (the caller drops it). */
export function afterUnlockFailure(failures: UnlockFailures | null, now: number): UnlockFailures {
  return { count: (failures?.count ?? 0) + 1, lastAt: now };
}

/**
 * A stored record as it was read back, or null when there is none. A damaged record counts as the
 * free attempts used up, so tampering with it never buys more attempts.
 */
export function readUnlockFailures(value: unknown, now: number): UnlockFailures | null {
  if (value === undefined || value === null) return null;
  const { count, lastAt } = (typeof value === 'object' ? value : {}) as Record<string, unknown>;
  if (Number.isSafeInteger(count) && (count as number) > 0 && Number.isFinite(lastAt)) {
    return { count: count as number, lastAt: Math.min(lastAt as number, now) };
  }
  return { count: FREE_UNLOCK_ATTEMPTS, lastAt: now };
}

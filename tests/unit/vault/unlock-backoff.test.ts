import { describe, expect, it } from 'vitest';
import {
  afterUnlockFailure,
  FIRST_UNLOCK_DELAY_MS,
  FREE_UNLOCK_ATTEMPTS,
  MAX_UNLOCK_DELAY_MS,
  readUnlockFailures,
  unlockDelayMs,
  unlockWaitMs,
  type UnlockFailures,
} from '../../../lib/vault';

const T = 1_700_000_000_000;

/** The record after `n` wrong passwords, the last at `at`. */
function failed(n: number, at = T): UnlockFailures | null {
  let record: UnlockFailures | null = null;
  for (let i = 0; i < n; i++) record = afterUnlockFailure(record, at);
  return record;
}

describe('unlock backoff', () => {
  it('the first five wrong passwords cost nothing', () => {
    expect(FREE_UNLOCK_ATTEMPTS).toBe(5);
    for (let n = 0; n < FREE_UNLOCK_ATTEMPTS; n++) expect(unlockWaitMs(failed(n), T), `${n}`).toBe(0);
  });

  it('from the fifth on, the wait doubles with every further failure, up to a cap', () => {
    expect([5, 6, 7, 8, 9].map(unlockDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(unlockDelayMs(10)).toBe(MAX_UNLOCK_DELAY_MS);
    expect(unlockDelayMs(5000)).toBe(MAX_UNLOCK_DELAY_MS);
    expect(unlockDelayMs(Number.MAX_SAFE_INTEGER)).toBe(MAX_UNLOCK_DELAY_MS);
    expect(unlockWaitMs(failed(5), T)).toBe(FIRST_UNLOCK_DELAY_MS);
    expect(unlockWaitMs(failed(6), T)).toBe(2 * FIRST_UNLOCK_DELAY_MS);
  });

  it('counts down from the last failure and ends', () => {
    expect(unlockWaitMs(failed(5), T + 10_000)).toBe(20_000);
    expect(unlockWaitMs(failed(5), T + 30_000)).toBe(0);
    expect(unlockWaitMs(failed(5), T + 10 * 60_000)).toBe(0);
    // A failure after the wait starts a longer one.
    expect(unlockWaitMs(afterUnlockFailure(failed(5), T + 30_000), T + 30_000)).toBe(60_000);
  });

  it('a clock set back never makes the wait longer than the delay, nor skips it', () => {
    expect(unlockWaitMs(failed(6, T), T - 24 * 3_600_000)).toBe(60_000);
  });

  it('reads a stored record; a damaged one uses the free attempts up instead of granting more', () => {
    expect(readUnlockFailures(undefined, T)).toBeNull();
    expect(readUnlockFailures({ count: 6, lastAt: T - 1000 }, T)).toEqual({ count: 6, lastAt: T - 1000 });
    expect(readUnlockFailures({ count: 6, lastAt: T + 1000 }, T)).toEqual({ count: 6, lastAt: T });
    for (const junk of ['6', { count: -1, lastAt: T }, { count: 2.5, lastAt: T }, { count: 3 }, 7, []]) {
      expect(readUnlockFailures(junk, T), JSON.stringify(junk)).toEqual({ count: FREE_UNLOCK_ATTEMPTS, lastAt: T });
    }
  });
});

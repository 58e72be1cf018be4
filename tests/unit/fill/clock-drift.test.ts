import { describe, expect, it } from 'vitest';
import { clockOffset, codeClock, isDriftImplausible, isDriftSignificant, MAX_CORRECTION_MS } from '@/lib/fill';

describe('clock drift from the portal Date header', () => {
  const t = Date.parse('2026-11-21T12:00:00Z');

  it('measures the offset from the middle of the round trip', () => {
    expect(clockOffset(new Date(t + 120_000).toUTCString(), t - 100, t + 100)).toBe(120_500);
    expect(clockOffset(new Date(t).toUTCString(), t, t)).toBe(500);
  });

  it('gives up on a missing or unreadable header', () => {
    expect(clockOffset(null, t, t)).toBeNull();
    expect(clockOffset('yesterday-ish', t, t)).toBeNull();
  });

  it('corrects only beyond 30 s and only when asked', () => {
    expect(isDriftSignificant(29_000)).toBe(false);
    expect(isDriftSignificant(-31_000)).toBe(true);
    const now = () => t;
    expect(codeClock(120_000, true, now)()).toBe(t + 120_000);
    expect(codeClock(120_000, false, now)()).toBe(t);
    expect(codeClock(10_000, true, now)()).toBe(t);
    expect(codeClock(null, true, now)()).toBe(t);
  });

  it('reports an offset of hours but does not apply it: codes for a far time are not handed out', () => {
    const now = () => t;
    expect(codeClock(5 * 60_000, true, now)()).toBe(t + 5 * 60_000);
    expect(codeClock(MAX_CORRECTION_MS, true, now)()).toBe(t + MAX_CORRECTION_MS);
    expect(isDriftImplausible(MAX_CORRECTION_MS)).toBe(false);
    expect(isDriftImplausible(3 * 3600_000)).toBe(true);
    expect(isDriftImplausible(-3 * 3600_000)).toBe(true);
    expect(codeClock(3 * 3600_000, true, now)()).toBe(t);
    expect(codeClock(-(MAX_CORRECTION_MS + 1), true, now)()).toBe(t);
  });
});

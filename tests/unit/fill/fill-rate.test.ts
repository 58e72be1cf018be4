import { describe, expect, it } from 'vitest';
import {
  confirmFills,
  decideFillRate,
  FILL_RATE_RULES,
  type RateKind,
  readRateState,
  type RateState,
} from '@/lib/fill';

/** Asks `times` times at the given moments, keeping what each admitted fill recorded. */
function ask(kind: RateKind, moments: number[], start: RateState = {}) {
  let state = start;
  const outcomes = moments.map((now) => {
    const decision = decideFillRate(state, kind, now);
    if (decision.ok) state = decision.state;
    return decision.ok ? 'ok' : decision.refusal;
  });
  return { outcomes, state };
}

describe('decideFillRate', () => {
  it('lets a few one-time codes through a minute, then says when to try again', () => {
    const { outcomes, state } = ask('totp', [0, 1_000, 2_000, 3_000, 4_000, 5_000]);
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'too-often']);
    expect(decideFillRate(state, 'totp', 5_000)).toEqual({ ok: false, refusal: 'too-often', retryInMs: 55_000 });
    // A minute after the first, one more.
    expect(decideFillRate(state, 'totp', 60_000).ok).toBe(true);
  });

  it('never caps TOTP: its codes expire and the next fill is at most one step ahead', () => {
    const moments = Array.from({ length: 40 }, (_, i) => i * 15_000);
    expect(ask('totp', moments).outcomes.every((o) => o === 'ok')).toBe(true);
  });

  it('caps HOTP below the portal’s look-ahead window of 10 until the user confirms', () => {
    const moments = Array.from({ length: 12 }, (_, i) => i * 60_000);
    const { outcomes, state } = ask('hotp', moments);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(FILL_RATE_RULES.hotp.cap!);
    expect(FILL_RATE_RULES.hotp.cap!).toBeLessThan(10);
    expect(outcomes.slice(5)).toEqual(Array(7).fill('confirm'));
    expect(decideFillRate(confirmFills(state, 'hotp'), 'hotp', 13 * 60_000).ok).toBe(true);
  });

  it('gives recovery codes one at a time and only a few before the user confirms', () => {
    // A burst: one.
    expect(ask('recovery', [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]).outcomes).toEqual([
      'ok',
      ...Array(9).fill('too-often'),
    ]);
    // A patient page: three, then never again on its own.
    const patient = ask(
      'recovery',
      Array.from({ length: 10 }, (_, i) => i * 11_000),
    );
    expect(patient.outcomes).toEqual(['ok', 'ok', 'ok', ...Array(7).fill('confirm')]);
    expect(decideFillRate(patient.state, 'recovery', 3_600_000)).toEqual({ ok: false, refusal: 'confirm' });
    const confirmed = confirmFills(patient.state, 'recovery');
    expect(decideFillRate(confirmed, 'recovery', 3_600_000).ok).toBe(true);
  });

  it('counts each kind on its own', () => {
    const { state } = ask('recovery', [0]);
    expect(decideFillRate(state, 'recovery', 1).ok).toBe(false);
    expect(decideFillRate(state, 'totp', 1).ok).toBe(true);
    expect(confirmFills(state, 'totp')).toEqual(state);
  });

  it('forgets moments far from now either way, so a clock set back does not lock the user out for long', () => {
    const { state } = ask('recovery', [1_000_000]);
    expect(decideFillRate(state, 'recovery', 1_000_000 - 60_000).ok).toBe(true);
  });
});

describe('readRateState', () => {
  it('reads back what was stored, and nothing of anything else', () => {
    const { state } = ask('hotp', [0, 1]);
    expect(readRateState(JSON.parse(JSON.stringify(state)))).toEqual(state);
    expect(readRateState(undefined)).toEqual({});
    expect(
      readRateState({ hotp: { at: ['x'], sinceConfirmed: 1 }, recovery: { at: [], sinceConfirmed: 1.5 } }),
    ).toEqual({});
  });
});

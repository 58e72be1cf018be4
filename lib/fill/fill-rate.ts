/**
 * How often a page may have codes filled without the user acting in the browser's own UI. A fill the
 * content script asks for (its button, auto-fill on load) is only as trustworthy as that script's
 * world: code running there can ask again and again, take every recovery code and walk an HOTP
 * counter out of the portal's look-ahead window (10, ../../shared/BITRIX.md). So such fills are
 * limited per tab and origin; a fill from the popup, the context menu or the shortcut is the user's
 * own and confirms the page again (`confirmFills`).
 */

/** `enrol`: an enrolment page's "Add to Bitrix24 Authenticator", which adds an account each time. */
export type RateKind = 'totp' | 'hotp' | 'recovery' | 'enrol';

export interface RateRule {
  /** At most this many fills within `windowMs`. */
  perWindow: number;
  windowMs: number;
  /** At most this many fills in all until the user confirms from the popup; none: no cap. */
  cap?: number;
}

export const FILL_RATE_RULES: Readonly<Record<RateKind, RateRule>> = {
  // A TOTP code lasts seconds and the next fill never gets more than one step ahead.
  totp: { perWindow: 5, windowMs: 60_000 },
  // Each HOTP code advances the counter for good: the cap stays well inside the portal's window of 10.
  hotp: { perWindow: 5, windowMs: 60_000, cap: 5 },
  // Ten in all, each used once: one at a time, a few before the user is asked.
  recovery: { perWindow: 1, windowMs: 10_000, cap: 3 },
  // A person enrols a device once or twice; a page asking more only fills the vault with its accounts.
  enrol: { perWindow: 2, windowMs: 60_000, cap: 5 },
};

/** What was filled for one kind in one tab and origin. */
export interface RateRecord {
  /** When fills were let through (ms), the recent ones only. */
  at: number[];
  /** Fills let through since the user last confirmed. */
  sinceConfirmed: number;
}
export type RateState = Partial<Record<RateKind, RateRecord>>;

export type RateDecision =
  | { ok: true; state: RateState }
  | { ok: false; refusal: 'too-often'; retryInMs: number }
  | { ok: false; refusal: 'confirm' };

/** A moment counts when it lies within the window either side of now (a clock set back does not lock the user out for long). */
const recent = (at: number[], now: number, windowMs: number) => at.filter((t) => Math.abs(now - t) < windowMs);

/** May a fill of `kind` go ahead at `now`? If so, the state that records it. */
export function decideFillRate(
  state: RateState,
  kind: RateKind,
  now: number,
  rules: Readonly<Record<RateKind, RateRule>> = FILL_RATE_RULES,
): RateDecision {
  const rule = rules[kind];
  const record = state[kind] ?? { at: [], sinceConfirmed: 0 };
  if (rule.cap !== undefined && record.sinceConfirmed >= rule.cap) return { ok: false, refusal: 'confirm' };
  const at = recent(record.at, now, rule.windowMs);
  if (at.length >= rule.perWindow) {
    const oldest = Math.min(...at);
    return {
      ok: false,
      refusal: 'too-often',
      retryInMs: Math.max(1, Math.min(rule.windowMs, oldest + rule.windowMs - now)),
    };
  }
  return { ok: true, state: { ...state, [kind]: { at: [...at, now], sinceConfirmed: record.sinceConfirmed + 1 } } };
}

/** The user filled `kind` from the browser's own UI: the page starts afresh for that kind. */
export function confirmFills(state: RateState, kind: RateKind): RateState {
  const { [kind]: _dropped, ...rest } = state;
  return rest;
}

const isRecord = (value: unknown): value is RateRecord =>
  typeof value === 'object' &&
  value !== null &&
  Array.isArray((value as RateRecord).at) &&
  (value as RateRecord).at.every((t) => Number.isFinite(t)) &&
  Number.isSafeInteger((value as RateRecord).sinceConfirmed);

/** A stored state read back; whatever does not look like one counts as nothing filled yet. */
export function readRateState(stored: unknown): RateState {
  if (typeof stored !== 'object' || stored === null) return {};
  const state: RateState = {};
  for (const kind of Object.keys(FILL_RATE_RULES) as RateKind[]) {
    const record = (stored as Record<string, unknown>)[kind];
    if (isRecord(record)) state[kind] = { at: [...record.at], sinceConfirmed: record.sinceConfirmed };
  }
  return state;
}

/** Beyond this, a TOTP code from the device clock may be refused (BITRIX.md: ±2 steps of 30 s). */
export const DRIFT_WARNING_MS = 30_000;
/**
 * The largest offset applied. A `Date` header hours off is more likely a broken or hostile server
 * than a wrong computer clock, and applying it would hand out codes for a time far from now (codes a
 * page could keep for later): such an offset is reported, not applied.
 */
export const MAX_CORRECTION_MS = 10 * 60_000;

/**
 * The portal's clock minus ours, from an HTTP `Date` header (1 s resolution) and the times the
 * request left and the answer came. Null when the header is missing or unreadable.
 */
export function clockOffset(dateHeader: string | null, sentAt: number, receivedAt: number): number | null {
  if (!dateHeader) return null;
  const serverTime = Date.parse(dateHeader);
  if (Number.isNaN(serverTime)) return null;
  // The header is rounded down to the second; its middle is the best guess.
  return serverTime + 500 - (sentAt + receivedAt) / 2;
}

export function isDriftSignificant(offset: number | null): offset is number {
  return offset !== null && Math.abs(offset) > DRIFT_WARNING_MS;
}

/** An offset too large to apply (see MAX_CORRECTION_MS). */
export function isDriftImplausible(offset: number | null): offset is number {
  return offset !== null && Math.abs(offset) > MAX_CORRECTION_MS;
}

/** The clock TOTP codes are computed with: the portal's, when ours is off, correction is on and the offset is plausible. */
export function codeClock(offset: number | null, correct: boolean, now: () => number = Date.now): () => number {
  return correct && isDriftSignificant(offset) && !isDriftImplausible(offset) ? () => now() + offset : now;
}

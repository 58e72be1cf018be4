/**
 * The TOTP time step to fill, given the step the clock is in and the last step whose code this
 * extension put into a page for the account. Bitrix refuses a step at or before the last one it
 * accepted (replay protection), and its window accepts the next one (BITRIX.md, "Verification
 * rules"): a second sign-in within the same 30 s gets the next step's code. Never further ahead than
 * that: a filled code is not always submitted, so filling again (a reload, a second click) must not
 * walk out of the portal's window.
 */
/** The TOTP time step `ms` falls in. */
export const timeStep = (ms: number, periodSeconds: number): number => Math.floor(ms / (periodSeconds * 1000));

export function nextFillStep(step: number, lastFilled: number | undefined): number {
  if (lastFilled === undefined || step > lastFilled) return step;
  return step + 1;
}

/**
 * The TOTP time step to fill, given the step the clock is in and the last step this extension
 * filled for the account. Bitrix refuses a step at or before the last one it accepted (replay
 * protection), and its window accepts the next one (BITRIX.md, "Verification rules"): a second
 * sign-in within the same 30 s gets the next step's code. Null when even that one was given out
 * already: the user waits for the clock to move on.
 */
export function nextFillStep(step: number, lastFilled: number | undefined): number | null {
  if (lastFilled === undefined || step > lastFilled) return step;
  const next = lastFilled + 1;
  return next <= step + MAX_STEPS_AHEAD ? next : null;
}

/** Bitrix accepts ±2 steps around the user's drift; one ahead stays inside it for a drift of up to −1. */
export const MAX_STEPS_AHEAD = 1;

import type { Clock } from '../otp';
import type { SwapContext } from './compare-and-swap';

/** Everything an unlocked session's operations need. */
export interface SessionContext extends SwapContext {
  clock: Clock;
  /** Warn about recovery codes running out at this many remaining or fewer. */
  warnAt: number;
}

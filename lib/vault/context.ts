import type { Clock } from '../otp';
import type { Policy } from '../policy';
import type { SwapContext } from './compare-and-swap';

/** Everything an unlocked session's operations need. */
export interface SessionContext extends SwapContext {
  clock: Clock;
  /** Warn about recovery codes running out at this many remaining or fewer. */
  warnAt: number;
  /** The administrator's policy as it stands now, read afresh for every account entering the vault. */
  policy: () => Promise<Policy>;
}

import { t } from '@/lib/i18n';
import { secondsLeft } from './code-format';

const RADIUS = 9;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/** Seconds until a TOTP code expires: a shrinking ring with the number inside. */
export function Countdown({ expiresAt, period, now }: { expiresAt: number; period: number; now: number }) {
  const left = secondsLeft(expiresAt, now);
  const fraction = Math.min(1, left / period);
  return (
    <span
      class="countdown"
      data-urgent={left <= 5 ? '' : undefined}
      role="img"
      aria-label={t('expiresIn', String(left))}
    >
      <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
        <circle class="countdown-track" cx="12" cy="12" r={RADIUS} />
        <circle
          class="countdown-left"
          cx="12"
          cy="12"
          r={RADIUS}
          stroke-dasharray={CIRCUMFERENCE}
          stroke-dashoffset={CIRCUMFERENCE * (1 - fraction)}
        />
      </svg>
      <span class="countdown-seconds" aria-hidden="true">
        {left}
      </span>
    </span>
  );
}

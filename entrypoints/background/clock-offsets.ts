import { browser } from 'wxt/browser';
import { clockOffset, codeClock, isDriftImplausible, isDriftSignificant } from '@/lib/fill';
import { t } from '@/lib/i18n';
import { userSettings } from './vault-keeper';

const FRESH_MS = 10 * 60_000;
const TIMEOUT_MS = 3000;
const key = (origin: string) => `clock:${origin}`;

/**
 * How far the portal's clock is from ours, from the `Date` header of a HEAD request to the page the
 * user is signing in to (its own URL, so a portal root that redirects elsewhere does not matter;
 * redirects are followed, since an opaque redirect carries no headers). Kept for ten minutes in
 * session storage; a portal that does not answer within 3 s leaves the device clock in charge.
 */
async function portalClockOffset(origin: string, pageUrl: string): Promise<number | null> {
  const cached = (await browser.storage.session.get(key(origin)))[key(origin)] as
    | { offset: number | null; at: number }
    | undefined;
  if (cached && Date.now() - cached.at < FRESH_MS) return cached.offset;
  // Only this portal's own pages, without their query (a `?logout=yes` must not be replayed).
  const page = new URL(pageUrl);
  const target = page.origin === origin ? `${origin}${page.pathname}` : `${origin}/`;
  let offset: number | null = null;
  try {
    const sentAt = Date.now();
    const response = await fetch(target, {
      method: 'HEAD',
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'follow',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    // Only the portal's own clock counts: a redirect elsewhere is another server's.
    if (new URL(response.url).origin === origin) offset = clockOffset(response.headers.get('date'), sentAt, Date.now());
  } catch {
    offset = null; // Offline, refused or too slow: fill with the device clock.
  }
  await browser.storage.session.set({ [key(origin)]: { offset, at: Date.now() } });
  return offset;
}

function driftNote(offset: number | null, corrected: boolean): string | undefined {
  if (isDriftImplausible(offset)) return t('fillDriftImplausible', String(Math.round(Math.abs(offset) / 60_000)));
  if (!isDriftSignificant(offset)) return undefined;
  return t(corrected ? 'fillDriftCorrected' : 'fillDriftWarning', String(Math.round(offset / 1000)));
}

/**
 * The clock this portal's TOTP codes are made with (its own, when ours is off and correction is on),
 * and what to tell the user about it. Filling and enrolment both use it, so their time steps agree.
 */
export async function portalTotpClock(origin: string, pageUrl: string): Promise<{ now: () => number; note?: string }> {
  const { clockDriftCorrection } = await userSettings();
  const offset = await portalClockOffset(origin, pageUrl);
  const note = driftNote(offset, clockDriftCorrection);
  return { now: codeClock(offset, clockDriftCorrection), ...(note ? { note } : {}) };
}

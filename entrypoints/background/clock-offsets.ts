import { browser } from 'wxt/browser';
import { clockOffset } from '@/lib/fill';

const FRESH_MS = 10 * 60_000;
const TIMEOUT_MS = 3000;
const key = (origin: string) => `clock:${origin}`;

/**
 * How far the portal's clock is from ours, from the `Date` header of a HEAD request to the page the
 * user is signing in to (its own URL, so a portal root that redirects elsewhere does not matter;
 * redirects are followed, since an opaque redirect carries no headers). Kept for ten minutes in
 * session storage; a portal that does not answer within 3 s leaves the device clock in charge.
 */
export async function portalClockOffset(origin: string, pageUrl?: string): Promise<number | null> {
  const cached = (await browser.storage.session.get(key(origin)))[key(origin)] as { offset: number | null; at: number } | undefined;
  if (cached && Date.now() - cached.at < FRESH_MS) return cached.offset;
  // Only this portal's own pages, without their query (a `?logout=yes` must not be replayed).
  const page = pageUrl ? new URL(pageUrl) : null;
  const target = page && page.origin === origin ? `${origin}${page.pathname}` : `${origin}/`;
  let offset: number | null = null;
  try {
    const sentAt = Date.now();
    const response = await fetch(target, {
      method: 'HEAD', cache: 'no-store', credentials: 'omit', redirect: 'follow', signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    offset = clockOffset(response.headers.get('date'), sentAt, Date.now());
  } catch {
    offset = null; // Offline, refused or too slow: fill with the device clock.
  }
  await browser.storage.session.set({ [key(origin)]: { offset, at: Date.now() } });
  return offset;
}

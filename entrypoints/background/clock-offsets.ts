import { browser } from 'wxt/browser';
import { clockOffset } from '@/lib/fill';

const FRESH_MS = 10 * 60_000;
const key = (origin: string) => `clock:${origin}`;

/**
 * How far the portal's clock is from ours, from the `Date` header of a HEAD request to the portal
 * itself (the page the user is signing in to, nothing else). Kept for ten minutes in session storage.
 */
export async function portalClockOffset(origin: string): Promise<number | null> {
  const cached = (await browser.storage.session.get(key(origin)))[key(origin)] as { offset: number | null; at: number } | undefined;
  if (cached && Date.now() - cached.at < FRESH_MS) return cached.offset;
  let offset: number | null = null;
  try {
    const sentAt = Date.now();
    const response = await fetch(`${origin}/`, { method: 'HEAD', cache: 'no-store', credentials: 'omit', redirect: 'manual' });
    offset = clockOffset(response.headers.get('date'), sentAt, Date.now());
  } catch {
    offset = null; // Offline or refused: fill with the device clock.
  }
  await browser.storage.session.set({ [key(origin)]: { offset, at: Date.now() } });
  return offset;
}

import { browser } from 'wxt/browser';

// Session storage: a stopped service worker forgets nothing, a browser restart everything (the
// portal's replay guard only matters within seconds). No secret in it, only step numbers.
const key = (accountId: string) => `totp-step:${accountId}`;

/** The last TOTP time step whose code reached a page for this account. */
export async function lastFilledStep(accountId: string): Promise<number | undefined> {
  const stored = (await browser.storage.session.get(key(accountId)))[key(accountId)];
  return typeof stored === 'number' ? stored : undefined;
}

export async function recordFilledStep(accountId: string, step: number): Promise<void> {
  await browser.storage.session.set({ [key(accountId)]: step });
}

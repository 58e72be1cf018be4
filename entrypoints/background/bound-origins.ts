import { browser } from 'wxt/browser';
import { currentSession } from './vault-keeper';

const KEY = 'bound-origins';

/**
 * The origins some account was bound to when the vault was last open in this browser session, in
 * session storage (the extension's own contexts only; gone when the browser closes). While the
 * vault is locked it is all the background knows of them: a page's request may open the unlock
 * window only from one of these, so any other page (another portal in a cloud zone, a look-alike)
 * cannot make it appear and teach the user to unlock when asked.
 */
export async function rememberBoundOrigins(): Promise<void> {
  const session = await currentSession();
  if (!session) return;
  const { accounts } = await session.listAccounts();
  await browser.storage.session.set({ [KEY]: [...new Set(accounts.flatMap((account) => account.origins))] });
}

export async function wasBound(origin: string): Promise<boolean> {
  const origins = (await browser.storage.session.get(KEY))[KEY];
  return Array.isArray(origins) && origins.includes(origin);
}

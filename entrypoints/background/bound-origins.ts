import { browser } from 'wxt/browser';
import { currentSession, vaultState } from './vault-keeper';

export const BOUND_ORIGINS_KEY = 'bound-origins';

/**
 * The origins some account was bound to when the vault was last open in this browser session, in
 * session storage (the extension's own contexts only; gone when the browser closes). Written once
 * per unlock or change of the accounts, and read by the toolbar icon (which tabs get a code) and,
 * while the vault is locked, by fills: a page's request may open the unlock window only from one of
 * these, so any other page (another portal in a cloud zone, a look-alike) cannot make it appear and
 * teach the user to unlock when asked.
 */
export async function rememberBoundOrigins(): Promise<Set<string>> {
  const session = await currentSession().catch(() => null);
  if (!session) {
    // A wiped vault binds nothing any more; a locked one keeps what was known.
    if ((await vaultState().catch(() => 'locked')) === 'empty') await browser.storage.session.remove(BOUND_ORIGINS_KEY);
    return storedOrigins();
  }
  const { accounts } = await session.listAccounts();
  const origins = new Set(accounts.flatMap((account) => account.origins));
  await browser.storage.session.set({ [BOUND_ORIGINS_KEY]: [...origins] });
  return origins;
}

async function storedOrigins(): Promise<Set<string>> {
  const origins = (await browser.storage.session.get(BOUND_ORIGINS_KEY))[BOUND_ORIGINS_KEY];
  return new Set(Array.isArray(origins) ? origins.filter((o): o is string => typeof o === 'string') : []);
}

/** The remembered origins; worked out once if nothing is remembered yet (a worker started while unlocked). */
export async function boundOrigins(): Promise<Set<string>> {
  const stored = (await browser.storage.session.get(BOUND_ORIGINS_KEY))[BOUND_ORIGINS_KEY];
  return Array.isArray(stored) ? storedOrigins() : rememberBoundOrigins();
}

export async function wasBound(origin: string): Promise<boolean> {
  return (await storedOrigins()).has(origin);
}

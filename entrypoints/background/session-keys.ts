import { browser } from 'wxt/browser';

/**
 * Every key name in session storage. Asked by name where the browser lists them (Chrome 130+,
 * Firefox 143+): the area also holds the vault's account index, some 130 KB at 1,000 accounts,
 * which `get(null)` would copy whole for every tab looked up.
 */
async function allKeys(): Promise<string[]> {
  const area = browser.storage.session;
  try {
    if (typeof area.getKeys === 'function') return await area.getKeys();
  } catch {
    // A browser without it (Firefox 140 to 142): read everything, as before.
  }
  return Object.keys(await area.get(null));
}

/** The names of the keys in session storage that start with `prefix`. */
export async function sessionKeys(prefix: string): Promise<string[]> {
  return (await allKeys()).filter((key) => key.startsWith(prefix));
}

/** The entries of session storage whose keys start with `prefix`. */
export async function sessionEntries(prefix: string): Promise<[string, unknown][]> {
  const keys = await sessionKeys(prefix);
  if (keys.length === 0) return [];
  return Object.entries(await browser.storage.session.get(keys));
}

import { browser } from 'wxt/browser';
import type { StoragePersistence } from '@/components/popup/popup-platform';

/**
 * Asks the browser to keep the extension's storage, where the vault is, when disk space runs low
 * (the Storage Standard's persistent mode; only pages can ask, not the service worker). Firefox
 * grants it to an extension holding `unlimitedStorage`. Chromium answers no to extensions here, but
 * exempts one holding `unlimitedStorage` from eviction all the same (developer.chrome.com,
 * "Storage and cookies": the permission "exempts extensions from both quota restrictions and
 * eviction"), which is what the user needs to know.
 */
export async function keepStorage(): Promise<StoragePersistence> {
  const storage = navigator.storage;
  try {
    if (typeof storage?.persist === 'function' && ((await storage.persisted()) || (await storage.persist())))
      return 'persisted';
    if (await browser.permissions.contains({ permissions: ['unlimitedStorage'] })) return 'persisted';
    return typeof storage?.persist === 'function' ? 'refused' : 'unavailable';
  } catch {
    return 'unavailable';
  }
}

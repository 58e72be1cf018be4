import { browser, type Browser } from 'wxt/browser';
import { isPortalUrl } from '@/lib/bitrix';

export type Sender = Browser.runtime.MessageSender;

export async function grantedOrigins(): Promise<string[]> {
  return (await browser.permissions.getAll()).origins ?? [];
}

/** One of this extension's own pages (popup, options), as the browser reports the sender. */
export function isExtensionPage(sender: Sender): boolean {
  return sender.id === browser.runtime.id && sender.url?.startsWith(browser.runtime.getURL('/')) === true;
}

/** Where a content script's message comes from, as the browser says, or null when it is not a portal. */
export async function portalFrame(sender: Sender): Promise<{ tabId: number; origin: string; frameId: number } | null> {
  if (sender.id !== browser.runtime.id || sender.tab?.id === undefined || !sender.url) return null;
  const url = new URL(sender.url);
  if (!isPortalUrl(url, await grantedOrigins())) return null;
  return { tabId: sender.tab.id, origin: url.origin, frameId: sender.frameId ?? 0 };
}

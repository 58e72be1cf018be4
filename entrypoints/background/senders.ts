import { browser, type Browser } from 'wxt/browser';
import { isPortalUrl } from '@/lib/bitrix';
import type { Handlers } from '@/lib/protocol';

export type Sender = Browser.runtime.MessageSender;

/** A content script's frame on an enabled portal, as the browser reported the sender. */
export interface PortalFrame {
  tabId: number;
  origin: string;
  frameId: number;
  /** The sending document (Chromium): replies and codes go to it alone, never to what the frame shows later. */
  documentId?: string;
}

/** What each kind of sender's handlers receive: the portal frame, or the browser's sender to match further. */
export interface BackgroundSenders {
  portal: PortalFrame;
  tab: Sender;
  extension: Sender;
}
export type BackgroundHandlers = Handlers<BackgroundSenders>;

export async function grantedOrigins(): Promise<string[]> {
  return (await browser.permissions.getAll()).origins ?? [];
}

/** One of this extension's own pages (popup, options), as the browser reports the sender. */
export function isExtensionPage(sender: Sender): boolean {
  return sender.id === browser.runtime.id && sender.url?.startsWith(browser.runtime.getURL('/')) === true;
}

/** Where a content script's message comes from, as the browser says, or null when it is not a portal. */
export async function portalFrame(sender: Sender): Promise<PortalFrame | null> {
  if (sender.id !== browser.runtime.id || sender.tab?.id === undefined || !sender.url) return null;
  const url = new URL(sender.url);
  if (!isPortalUrl(url, await grantedOrigins())) return null;
  return {
    tabId: sender.tab.id,
    origin: url.origin,
    frameId: sender.frameId ?? 0,
    ...(sender.documentId ? { documentId: sender.documentId } : {}),
  };
}

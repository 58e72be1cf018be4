import { browser } from 'wxt/browser';
import type { ContentMessage, ContentReplies } from '@/lib/protocol';

/**
 * The one way the background talks to a content script: a typed message to one frame of a tab.
 * Rejects when no content script answers there (the frame navigated or closed meanwhile).
 */
export function sendToFrame<M extends ContentMessage>(
  tabId: number,
  frameId: number,
  message: M,
): Promise<ContentReplies[M['type']]> {
  return browser.tabs.sendMessage(tabId, message, { frameId }) as Promise<ContentReplies[M['type']]>;
}

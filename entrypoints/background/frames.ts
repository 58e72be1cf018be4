import { browser } from 'wxt/browser';
import type { ContentMessage, ContentReplies } from '@/lib/protocol';

/**
 * A frame of a tab and, where the browser names documents (Chromium's `documentId`), the one
 * document in it that was checked. A message for a document reaches that document only: if the
 * frame navigated since, to whatever origin, nobody receives it. Firefox has no `documentId`; there
 * the message goes to the frame, and the content script checks its own origin against the one the
 * background expected before it writes anything.
 */
export interface FrameTarget {
  frameId: number;
  documentId?: string;
}

/**
 * The one way the background talks to a content script: a typed message to one frame of a tab (one
 * document of it, when known). Rejects when no content script answers there (the frame navigated
 * or closed meanwhile).
 */
export function sendToFrame<M extends ContentMessage>(
  tabId: number,
  frame: number | FrameTarget,
  message: M,
): Promise<ContentReplies[M['type']]> {
  const target = typeof frame === 'number' ? { frameId: frame } : frame;
  const options = target.documentId ? { documentId: target.documentId } : { frameId: target.frameId };
  return browser.tabs.sendMessage(tabId, message, options) as Promise<ContentReplies[M['type']]>;
}

/** A frame's current document: its origin as the browser knows it, and its id where there is one. */
export interface FrameDocument extends FrameTarget {
  origin: string;
}

/**
 * The document `frameId` shows now and its origin, read in one step so the two belong together
 * (for fills the user asks for outside the page: the popup, the shortcut, the context menu). Through
 * `scripting`, which the extension holds anyway, in the content script's own world: no
 * `webNavigation` permission, and the page cannot change what `location.origin` says. Null when the
 * frame is gone or not one the extension may read.
 */
export async function currentDocument(tabId: number, frameId: number): Promise<FrameDocument | null> {
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [frameId] },
      func: () => location.origin,
    });
    if (typeof result?.result !== 'string') return null;
    return { frameId, origin: result.result, ...(result.documentId ? { documentId: result.documentId } : {}) };
  } catch {
    return null;
  }
}

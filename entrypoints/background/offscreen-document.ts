import { browser, type Browser } from 'wxt/browser';
import { documentLease, type DocumentLease } from '@/lib/offscreen';
import type { OffscreenMessage, OffscreenReplies } from '@/lib/protocol/offscreen-document';

/** Chrome's own global, where `offscreen` is; Firefox has neither. */
declare const chrome: typeof Browser | undefined;

type OffscreenApi = typeof Browser.offscreen;

/** Chrome's offscreen API, or undefined (Firefox, whose background page does the work itself). */
export function offscreenApi(): OffscreenApi | undefined {
  // A global that may not exist at all: `chrome?.` would throw where it is undeclared.
  return typeof chrome === 'undefined' ? undefined : chrome.offscreen;
}

/** One message to the offscreen document (entrypoints/offscreen), which answers only the background. */
export const askOffscreen = <M extends OffscreenMessage>(message: M) =>
  browser.runtime.sendMessage(message) as Promise<OffscreenReplies[M['type']]>;

let lease: DocumentLease | null = null;

/**
 * The one offscreen document Chrome allows, shared by the clipboard's timer and QR decoding: opened
 * with both reasons, closed when the document says it is idle and no decoding runs (lib/offscreen).
 */
export function offscreenDocument(offscreen: OffscreenApi): DocumentLease {
  lease ??= documentLease({
    isOpen: () => offscreen.hasDocument(),
    open: () =>
      offscreen.createDocument({
        url: '/offscreen.html',
        reasons: [offscreen.Reason.CLIPBOARD, offscreen.Reason.BLOBS],
        justification:
          'Clear a copied one-time code from the clipboard after the time the user set, if it is still there; ' +
          'decode QR codes from page images and tab captures (PNG blobs) outside the service worker.',
      }),
    close: () => offscreen.closeDocument(),
  });
  return lease;
}

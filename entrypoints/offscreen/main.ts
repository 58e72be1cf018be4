import { browser, type Browser } from 'wxt/browser';
import { createClipboardClearer, documentClipboard } from '@/lib/clipboard';
import { parseOffscreenMessage, type OffscreenReplies } from '@/lib/protocol/offscreen-document';
import { answering } from '../shared/answer';
import { scanQrRequest } from '../shared/qr-scan';
import { sendToBackground as send } from '../shared/send';

// Chrome's offscreen document: the timer that takes a copied code back out of the clipboard lives
// here, because the popup closes as the user goes to paste and the service worker may stop; and QR
// codes are decoded here, so that the service worker does not load jsQR (background/qr-scanner.ts).

const saySettled = () => void send({ type: 'clipboard-settled' }).catch(() => undefined);
const timers = {
  setTimeout: (run: () => void, ms: number) => setTimeout(run, ms),
  clearTimeout: (handle: unknown) => clearTimeout(handle as number),
};
const clearer = createClipboardClearer(documentClipboard(document), timers, saySettled);

/**
 * Only the background may ask: content scripts' runtime messages reach extension pages too, and a
 * page must not learn from the replies what the clipboard holds, nor cancel a clearing, nor have
 * its pixels decoded with no one checking where they came from.
 */
const fromBackground = (sender: Browser.runtime.MessageSender) =>
  sender.id === browser.runtime.id &&
  sender.tab === undefined &&
  sender.url === browser.runtime.getURL('/background.js');

browser.runtime.onMessage.addListener(
  answering((data, sender) => {
    if (!fromBackground(sender)) return undefined;
    const message = parseOffscreenMessage(data);
    if (!message) return undefined;
    if (message.type === 'clipboard-doc-clear-later') {
      clearer.clearLater(message.code, message.afterMs);
      return Promise.resolve<OffscreenReplies['clipboard-doc-clear-later']>({ ok: true });
    }
    if (message.type === 'clipboard-doc-clear-now') {
      return clearer.clearNow().then((outcome): OffscreenReplies['clipboard-doc-clear-now'] => ({ outcome }));
    }
    if (message.type === 'qr-doc-scan') {
      closeWhenIdle(SCAN_LINGER_MS);
      return scanQrRequest(message);
    }
    return Promise.resolve<OffscreenReplies['clipboard-doc-pending']>({ pending: clearer.pending });
  }),
);

/** How long the document waits after a scan: scans in a row (or a retry) then find it open. */
const SCAN_LINGER_MS = 15_000;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

/** Asks the background to close this document after `ms` without a scan, unless a clear is pending. */
function closeWhenIdle(ms: number): void {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (!clearer.pending) saySettled();
  }, ms);
}

// Also when it was opened for a request that never came (the service worker stopped in between).
closeWhenIdle(10_000);

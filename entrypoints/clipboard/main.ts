import { browser } from 'wxt/browser';
import { createClipboardClearer, documentClipboard } from '@/lib/clipboard';
import { parseClipboardDocumentMessage, type ClipboardDocumentReplies, type Message } from '@/lib/messages';

// Chrome's offscreen document: the timer that takes a copied code back out of the clipboard lives
// here, because the popup closes as the user goes to paste and the service worker may stop.

const settled: Message = { type: 'clipboard-settled' };
const timers = { setTimeout: (run: () => void, ms: number) => setTimeout(run, ms), clearTimeout: (handle: unknown) => clearTimeout(handle as number) };
const clearer = createClipboardClearer(documentClipboard(document), timers, () => void browser.runtime.sendMessage(settled).catch(() => undefined));

browser.runtime.onMessage.addListener((data: unknown, sender) => {
  if (sender.id !== browser.runtime.id) return undefined;
  const message = parseClipboardDocumentMessage(data);
  if (!message) return undefined;
  if (message.type === 'clipboard-doc-clear-later') {
    clearer.clearLater(message.code, message.afterMs);
    return Promise.resolve<ClipboardDocumentReplies['clipboard-doc-clear-later']>({ ok: true });
  }
  if (message.type === 'clipboard-doc-clear-now') {
    return clearer.clearNow().then((outcome): ClipboardDocumentReplies['clipboard-doc-clear-now'] => ({ outcome }));
  }
  return Promise.resolve<ClipboardDocumentReplies['clipboard-doc-pending']>({ pending: clearer.pending });
});

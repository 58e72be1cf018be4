import { browser } from 'wxt/browser';
import { createClipboardClearer, type ClipboardClearer, type ClearOutcome } from '@/lib/clipboard';
import type { ClipboardDocumentMessage, ClipboardDocumentReplies } from '@/lib/messages';
import { userSettings } from './vault-keeper';

/**
 * Who keeps the timer that takes a copied code back out of the clipboard. Chrome: an offscreen
 * document, opened for the wait and closed when nothing is pending, since a service worker can
 * neither touch the clipboard nor count on living that long. Firefox has no offscreen documents,
 * but its background is a page that may read and write the clipboard itself.
 */
interface ClipboardKeeper {
  clearLater(code: string, afterMs: number): Promise<void>;
  clearNow(): Promise<ClearOutcome>;
  settled(): Promise<void>;
}

const DOCUMENT_PATH = '/clipboard.html';

function offscreenKeeper(offscreen: typeof chrome.offscreen): ClipboardKeeper {
  // One step at a time, so that closing an idle document never races a new request into it.
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(step: () => Promise<T>): Promise<T> => {
    const result = queue.then(step);
    queue = result.catch(() => undefined);
    return result;
  };
  const ask = <M extends ClipboardDocumentMessage>(message: M) =>
    browser.runtime.sendMessage(message) as Promise<ClipboardDocumentReplies[M['type']]>;
  const open = async () => {
    if (await offscreen.hasDocument()) return;
    await offscreen.createDocument({
      url: DOCUMENT_PATH,
      reasons: [offscreen.Reason.CLIPBOARD],
      justification: 'Clear a copied one-time code from the clipboard after the time the user set, if it is still there.',
    });
  };

  return {
    clearLater: (code, afterMs) => inTurn(async () => {
      await open();
      await ask({ type: 'clipboard-doc-clear-later', code, afterMs });
    }),
    clearNow: () => inTurn(async () => {
      if (!(await offscreen.hasDocument())) return 'nothing';
      return (await ask({ type: 'clipboard-doc-clear-now' })).outcome;
    }),
    settled: () => inTurn(async () => {
      if (!(await offscreen.hasDocument())) return;
      if ((await ask({ type: 'clipboard-doc-pending' })).pending) return;
      await offscreen.closeDocument();
    }),
  };
}

function backgroundPageKeeper(): ClipboardKeeper {
  const clearer: ClipboardClearer = createClipboardClearer(
    { read: () => navigator.clipboard.readText(), write: (text) => navigator.clipboard.writeText(text) },
    { setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (handle) => clearTimeout(handle as number) },
  );
  return {
    clearLater: async (code, afterMs) => clearer.clearLater(code, afterMs),
    clearNow: () => clearer.clearNow(),
    settled: async () => undefined,
  };
}

let keeper: ClipboardKeeper | null = null;
function clipboardKeeper(): ClipboardKeeper {
  keeper ??= typeof chrome !== 'undefined' && chrome.offscreen ? offscreenKeeper(chrome.offscreen) : backgroundPageKeeper();
  return keeper;
}

/** The user copied `code` in an extension page: clear it after their setting, if it is still there by then. */
export async function clipboardCopied(code: string): Promise<{ ok: true; clearAfterSeconds: number }> {
  const { clipboardClearSeconds } = await userSettings();
  if (clipboardClearSeconds > 0) await clipboardKeeper().clearLater(code, clipboardClearSeconds * 1000);
  return { ok: true, clearAfterSeconds: clipboardClearSeconds };
}

/** A locked vault leaves no code of its own on the clipboard. */
export function clearClipboardNow(): Promise<ClearOutcome> {
  return clipboardKeeper().clearNow();
}

/** The clipboard document has nothing left to do. */
export function clipboardSettled(): Promise<void> {
  return clipboardKeeper().settled();
}

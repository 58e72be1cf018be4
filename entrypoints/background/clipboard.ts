import { browser, type Browser } from 'wxt/browser';
import { createClipboardClearer, documentKeeper, type ClipboardKeeper } from '@/lib/clipboard';
import { askOffscreen, offscreenApi, offscreenDocument } from './offscreen-document';
import { userSettings } from './vault-keeper';

// Chrome: an offscreen document keeps the timer, since a service worker can neither touch the
// clipboard nor count on living that long. Firefox has no offscreen documents, but its background
// is a page that may use the clipboard itself; an alarm stands in for the timer if the page is
// unloaded meanwhile.

function offscreenKeeper(offscreen: typeof Browser.offscreen): ClipboardKeeper {
  const lease = offscreenDocument(offscreen);
  return documentKeeper({
    isOpen: () => lease.isOpen(),
    open: () => lease.open(),
    // Not under a QR decoding that is using the document.
    close: () => lease.close(),
    clearLater: async (code, afterMs) =>
      void (await askOffscreen({ type: 'clipboard-doc-clear-later', code, afterMs })),
    clearNow: async () => (await askOffscreen({ type: 'clipboard-doc-clear-now' })).outcome,
    pending: async () => (await askOffscreen({ type: 'clipboard-doc-pending' })).pending,
  });
}

const FIREFOX_ALARM = 'clipboard-clear';
const FIREFOX_PENDING = 'clipboard:pending';

function backgroundPageKeeper(): ClipboardKeeper {
  const clearer = createClipboardClearer(
    { read: () => navigator.clipboard.readText(), write: (text) => navigator.clipboard.writeText(text) },
    { setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (handle) => clearTimeout(handle as number) },
    () => void browser.alarms.clear(FIREFOX_ALARM).then(() => browser.storage.session.remove(FIREFOX_PENDING)),
  );
  browser.alarms.onAlarm.addListener(async (alarm) => {
    if (alarm.name !== FIREFOX_ALARM) return;
    // The page was unloaded before its timer fired: take the code over from session storage.
    const pending = (await browser.storage.session.get(FIREFOX_PENDING))[FIREFOX_PENDING] as
      | { code?: unknown }
      | undefined;
    if (typeof pending?.code === 'string') await clearer.clearNow(pending.code);
  });
  return {
    async clearLater(code, afterMs) {
      clearer.clearLater(code, afterMs);
      await browser.storage.session.set({ [FIREFOX_PENDING]: { code } });
      await browser.alarms.create(FIREFOX_ALARM, { when: Date.now() + afterMs });
    },
    clearNow: () => clearer.clearNow(),
    settled: async () => undefined,
  };
}

let keeper: ClipboardKeeper | null = null;
function clipboardKeeper(): ClipboardKeeper {
  const offscreen = offscreenApi();
  keeper ??= offscreen ? offscreenKeeper(offscreen) : backgroundPageKeeper();
  return keeper;
}

/**
 * Ready at start-up: in Firefox the alarm that stands in for an unloaded page's timer must find its
 * listener; and a locked vault leaves no code of its own on the clipboard.
 */
export function watchClipboard(onLocked: (listener: () => void) => void): void {
  clipboardKeeper();
  onLocked(
    () =>
      void clipboardKeeper()
        .clearNow()
        .catch(() => undefined),
  );
}

/** The user copied `code` in an extension page: clear it after their setting, if it is still there by then. */
export async function clipboardCopied(code: string): Promise<{ ok: true; clearAfterSeconds: number }> {
  const { clipboardClearSeconds } = await userSettings();
  if (clipboardClearSeconds > 0) await clipboardKeeper().clearLater(code, clipboardClearSeconds * 1000);
  return { ok: true, clearAfterSeconds: clipboardClearSeconds };
}

/** The clipboard document has nothing left to do. */
export function clipboardSettled(): Promise<void> {
  return clipboardKeeper().settled();
}

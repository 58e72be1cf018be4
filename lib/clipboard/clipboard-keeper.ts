import type { ClearOutcome } from './clipboard-clearer';

/** Who keeps the timer that takes a copied code back out of the clipboard. */
export interface ClipboardKeeper {
  clearLater(code: string, afterMs: number): Promise<void>;
  clearNow(): Promise<ClearOutcome>;
  /** The keeper said it has nothing pending: let go of what it holds. */
  settled(): Promise<void>;
}

/** A document that keeps the timer, as far as the keeper needs it (Chrome's offscreen API and messages). */
export interface ClipboardDocument {
  isOpen(): Promise<boolean>;
  open(): Promise<void>;
  close(): Promise<void>;
  clearLater(code: string, afterMs: number): Promise<void>;
  clearNow(): Promise<ClearOutcome>;
  pending(): Promise<boolean>;
}

/**
 * Keeps the timer in a document opened for the wait and closed when nothing is pending. Steps run
 * one at a time, so closing an idle document never races a new request into it.
 */
export function documentKeeper(doc: ClipboardDocument): ClipboardKeeper {
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(step: () => Promise<T>): Promise<T> => {
    const result = queue.then(step);
    queue = result.catch(() => undefined);
    return result;
  };
  return {
    clearLater: (code, afterMs) =>
      inTurn(async () => {
        if (!(await doc.isOpen())) await doc.open();
        await doc.clearLater(code, afterMs);
      }),
    clearNow: () => inTurn(async () => ((await doc.isOpen()) ? doc.clearNow() : 'nothing')),
    settled: () =>
      inTurn(async () => {
        if ((await doc.isOpen()) && !(await doc.pending())) await doc.close();
      }),
  };
}

/** The one offscreen document Chrome allows an extension, as far as its users need it. */
export interface OffscreenDocument {
  isOpen(): Promise<boolean>;
  open(): Promise<void>;
  close(): Promise<void>;
}

export interface DocumentLease {
  /** Opens the document if it is not open, runs `work` in it, and closes it after unless someone still needs it. */
  use<T>(work: () => Promise<T>): Promise<T>;
  isOpen(): Promise<boolean>;
  /** For a user that keeps the document past its own calls (the clipboard's timer): open it if needed. */
  open(): Promise<void>;
  /** That user is done: close, unless a `use` is still running. */
  close(): Promise<void>;
}

/**
 * Shares the single document between its users (the clipboard's timer, QR decoding): opening and
 * closing happen one at a time, so a close never races an open, and a document is never closed
 * under work running in it. `keepOpen` asks the long-lived user whether it still needs the document
 * (asked of the document itself, so it holds after the service worker restarted and forgot); when
 * the question fails, the document stays, and its own idle check closes it later.
 */
export function documentLease(doc: OffscreenDocument, keepOpen: () => Promise<boolean>): DocumentLease {
  let running = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(step: () => Promise<T>): Promise<T> => {
    const result = queue.then(step);
    queue = result.catch(() => undefined);
    return result;
  };
  const openIfClosed = async () => {
    if (!(await doc.isOpen())) await doc.open();
  };
  return {
    async use(work) {
      await inTurn(async () => {
        await openIfClosed();
        running += 1;
      });
      try {
        return await work();
      } finally {
        await inTurn(async () => {
          running -= 1;
          if (running === 0 && (await doc.isOpen()) && !(await keepOpen().catch(() => true))) await doc.close();
        });
      }
    },
    isOpen: () => inTurn(() => doc.isOpen()),
    open: () => inTurn(openIfClosed),
    close: () =>
      inTurn(async () => {
        if (running === 0 && (await doc.isOpen())) await doc.close();
      }),
  };
}

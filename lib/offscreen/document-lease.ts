/** The one offscreen document Chrome allows an extension, as far as its users need it. */
export interface OffscreenDocument {
  isOpen(): Promise<boolean>;
  open(): Promise<void>;
  close(): Promise<void>;
}

export interface DocumentLease {
  /** Opens the document if it is not open and runs `work` in it; the document stays open after. */
  use<T>(work: () => Promise<T>): Promise<T>;
  isOpen(): Promise<boolean>;
  /** Opens the document if it is not open. */
  open(): Promise<void>;
  /** Closes the document, unless a `use` is running in it. */
  close(): Promise<void>;
}

/**
 * Shares the single document between its users (the clipboard's timer, QR decoding): opening and
 * closing happen one at a time, so a close never races an open, and a document is never closed
 * under work running in it. Nothing closes it after a use: the document says when it has been idle
 * for a while (entrypoints/offscreen), so that scans in a row find it open.
 */
export function documentLease(doc: OffscreenDocument): DocumentLease {
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
        running -= 1;
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

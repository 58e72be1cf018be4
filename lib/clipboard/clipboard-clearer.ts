import type { Timers } from '../timers';

/** The system clipboard as text, however a context gets at it. */
export interface ClipboardAccess {
  /** The clipboard's text, or null when it cannot be read. */
  read(): Promise<string | null>;
  write(text: string): Promise<void>;
}

/** What a clearing did: wiped our code, found something else there (left alone), or had nothing to do. */
export type ClearOutcome = 'cleared' | 'kept' | 'nothing';

export interface ClipboardClearer {
  /** Clears `code` from the clipboard after `afterMs` if it is still there; replaces any earlier request. */
  clearLater(code: string, afterMs: number): void;
  /**
   * Clears the pending code at once (the vault locked), or `code` when given (a timer kept
   * elsewhere fired), if the clipboard still holds it.
   */
  clearNow(code?: string): Promise<ClearOutcome>;
  /** Whether a clearing is still to come. */
  readonly pending: boolean;
}

/**
 * Takes a copied code back out of the clipboard. Only the code we put there is ever wiped: when
 * the clipboard holds anything else, or cannot be read, the user copied something since and it
 * stays. `onSettled` runs whenever nothing is left to do.
 */
export function createClipboardClearer(
  clipboard: ClipboardAccess,
  timers: Timers,
  onSettled: () => void = () => undefined,
): ClipboardClearer {
  let pending: { code: string; handle: unknown } | null = null;

  async function clearIfStill(code: string): Promise<ClearOutcome> {
    const current = await clipboard.read().catch(() => null);
    if (current !== code) return 'kept';
    await clipboard.write('');
    return 'cleared';
  }

  async function settle(code: string): Promise<ClearOutcome> {
    try {
      return await clearIfStill(code);
    } finally {
      if (!pending) onSettled();
    }
  }

  function cancel(): string | null {
    if (!pending) return null;
    timers.clearTimeout(pending.handle);
    const { code } = pending;
    pending = null;
    return code;
  }

  return {
    clearLater(code, afterMs) {
      cancel();
      if (!(afterMs > 0)) return;
      const handle = timers.setTimeout(() => {
        pending = null;
        void settle(code).catch(() => undefined);
      }, afterMs);
      pending = { code, handle };
    },
    async clearNow(code) {
      const pendingCode = cancel();
      const target = code ?? pendingCode;
      return target === null ? 'nothing' : settle(target);
    },
    get pending() {
      return pending !== null;
    },
  };
}

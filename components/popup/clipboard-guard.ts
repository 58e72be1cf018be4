import type { ClipboardPort } from './popup-platform';

export interface Timers {
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(handle: number): void;
}

export interface ClipboardGuard {
  /** Copies `code`; clears it after `clearAfterSeconds` (0 = never) if the clipboard still holds it. */
  copy(code: string, clearAfterSeconds: number): Promise<void>;
  /** Something else was copied by the user: leave the clipboard alone from now on. */
  forget(): void;
}

/**
 * Copying a code and taking it back. "Still holds it" is checked by reading the clipboard; when the
 * browser will not let the popup read it, the copy is assumed to be ours unless the user copied
 * something in the popup since (`forget`), because the popup closes as soon as focus leaves it.
 * The timer lives as long as the page that made it.
 */
export function createClipboardGuard(port: ClipboardPort, timers: Timers): ClipboardGuard {
  let pending: { code: string; handle: number } | null = null;

  async function clearIfStill(code: string) {
    pending = null;
    const current = await port.read().catch(() => null);
    if (current === null || current === code) await port.write('').catch(() => undefined);
  }

  return {
    async copy(code, clearAfterSeconds) {
      if (pending) timers.clearTimeout(pending.handle);
      pending = null;
      await port.write(code);
      if (clearAfterSeconds > 0) {
        pending = { code, handle: timers.setTimeout(() => void clearIfStill(code), clearAfterSeconds * 1000) };
      }
    },
    forget() {
      if (pending) timers.clearTimeout(pending.handle);
      pending = null;
    },
  };
}

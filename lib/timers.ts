/**
 * setTimeout and clearTimeout, passed in so that tests control time. `Handle` is what the host's
 * setTimeout returns: a number in a page, something else in Node.
 */
export interface Timers<Handle = unknown> {
  setTimeout(callback: () => void, ms: number): Handle;
  clearTimeout(handle: Handle): void;
}

import { SerialQueue } from './vault/serial-queue';

/**
 * `task` made safe to call from any number of events. Runs never overlap, and calls made while a
 * run waits for its turn share that run: however many calls arrive during a run, exactly one more
 * run follows it. A run starts after every call it serves, so it reads the state as of those calls
 * or later. Each call's promise settles with the run it joined; a failed run rejects only its own
 * callers, and the next run goes ahead.
 */
export function coalescing<T>(task: () => Promise<T>): () => Promise<T> {
  const queue = new SerialQueue();
  let waiting: Promise<T> | null = null;
  return () => {
    waiting ??= queue.run('', () => {
      // Under way from here: a later call needs a run of its own.
      waiting = null;
      return task();
    });
    return waiting;
  };
}

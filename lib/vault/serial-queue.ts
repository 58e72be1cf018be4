/**
 * Runs tasks with the same key one after another, in call order. Within one JavaScript context it
 * keeps writers of a record from racing each other, so the compare-and-swap in the database only
 * has to settle races with other contexts (a popup and the service worker, two windows) and
 * retries stay rare instead of growing with every concurrent caller.
 */
export class SerialQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    // A failed task must not block the ones queued behind it.
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

const queues = new WeakMap<object, SerialQueue>();

/** One queue per open database, shared by every session on it. */
export function queueFor(db: object): SerialQueue {
  let queue = queues.get(db);
  if (queue === undefined) {
    queue = new SerialQueue();
    queues.set(db, queue);
  }
  return queue;
}

import { describe, expect, it } from 'vitest';
import { documentLease, type OffscreenDocument } from '@/lib/offscreen';

/** A document that records what was done to it; Chrome refuses a second one, and so does this. */
function fakeDocument() {
  const log: string[] = [];
  let open = false;
  const doc: OffscreenDocument = {
    isOpen: async () => open,
    open: async () => {
      if (open) throw new Error('Only a single offscreen document may be created.');
      await Promise.resolve();
      open = true;
      log.push('open');
    },
    close: async () => {
      if (!open) throw new Error('No current offscreen document.');
      open = false;
      log.push('close');
    },
  };
  return { doc, log, isOpen: () => open };
}

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('documentLease', () => {
  it('opens the document for a use and leaves it open after, for the next scan', async () => {
    const { doc, log, isOpen } = fakeDocument();
    const lease = documentLease(doc);
    expect(await lease.use(async () => (isOpen() ? 'ran inside' : 'ran outside'))).toBe('ran inside');
    expect(await lease.use(async () => 'again')).toBe('again');
    expect(log).toEqual(['open']);
    await lease.close();
    expect(log).toEqual(['open', 'close']);
  });

  it('does not close under a decoding that is running, and closes once asked after the last one ended', async () => {
    const { doc, log, isOpen } = fakeDocument();
    const lease = documentLease(doc);
    const first = deferred();
    const second = deferred();
    const runs = [lease.use(() => first.promise), lease.use(() => second.promise)];
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The document says it is idle meanwhile.
    await lease.close();
    expect(isOpen()).toBe(true);
    first.resolve();
    await runs[0];
    await lease.close();
    expect(isOpen()).toBe(true);
    second.resolve();
    await runs[1];
    await lease.close();
    expect(log).toEqual(['open', 'close']);
  });

  it('opens once for uses and opens that arrive together, and closes once for closes that do', async () => {
    const { doc, log } = fakeDocument();
    const lease = documentLease(doc);
    await Promise.all([lease.open(), lease.use(async () => 1), lease.use(async () => 2), lease.open()]);
    await Promise.all([lease.close(), lease.close()]);
    expect(log).toEqual(['open', 'close']);
  });

  it('passes on a failing use, and the document can still be closed', async () => {
    const { doc, log } = fakeDocument();
    const lease = documentLease(doc);
    await expect(lease.use(() => Promise.reject(new Error('bad image')))).rejects.toThrow('bad image');
    await lease.close();
    expect(log).toEqual(['open', 'close']);
  });

  it('a close queued before a use does not close the document the use opened', async () => {
    const { doc, log, isOpen } = fakeDocument();
    const lease = documentLease(doc);
    await lease.open();
    const work = deferred();
    const closing = lease.close();
    const using = lease.use(async () => {
      const inside = isOpen();
      await work.promise;
      return inside;
    });
    await closing;
    work.resolve();
    expect(await using).toBe(true);
    expect(log).toEqual(['open', 'close', 'open']);
  });
});

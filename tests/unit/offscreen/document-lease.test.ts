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
  it('opens the document for a use and closes it after, when nobody else needs it', async () => {
    const { doc, log, isOpen } = fakeDocument();
    const lease = documentLease(doc, async () => false);
    expect(await lease.use(async () => (isOpen() ? 'ran inside' : 'ran outside'))).toBe('ran inside');
    expect(log).toEqual(['open', 'close']);
  });

  it('keeps the document after a use while the clipboard still waits in it', async () => {
    const { doc, log, isOpen } = fakeDocument();
    let pending = true;
    const lease = documentLease(doc, async () => pending);
    await lease.open();
    await lease.use(async () => undefined);
    expect(isOpen()).toBe(true);
    pending = false;
    await lease.use(async () => undefined);
    expect(log).toEqual(['open', 'close']);
  });

  it('keeps the document when asking the clipboard fails: its own idle check closes it later', async () => {
    const { doc, isOpen } = fakeDocument();
    const lease = documentLease(doc, () => Promise.reject(new Error('Receiving end does not exist.')));
    await lease.use(async () => undefined);
    expect(isOpen()).toBe(true);
    await lease.close();
    expect(isOpen()).toBe(false);
  });

  it('does not close under a decoding that is running, and closes once the last one ends', async () => {
    const { doc, log, isOpen } = fakeDocument();
    const lease = documentLease(doc, async () => false);
    const first = deferred();
    const second = deferred();
    const runs = [lease.use(() => first.promise), lease.use(() => second.promise)];
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The clipboard says it is done meanwhile.
    await lease.close();
    expect(isOpen()).toBe(true);
    first.resolve();
    await runs[0];
    expect(isOpen()).toBe(true);
    second.resolve();
    await runs[1];
    expect(log).toEqual(['open', 'close']);
  });

  it('opens once for uses and an open that arrive together', async () => {
    const { doc, log } = fakeDocument();
    const lease = documentLease(doc, async () => true);
    await Promise.all([lease.open(), lease.use(async () => 1), lease.use(async () => 2), lease.open()]);
    expect(log).toEqual(['open']);
  });

  it('passes on a failing use and still lets the document go', async () => {
    const { doc, log } = fakeDocument();
    const lease = documentLease(doc, async () => false);
    await expect(lease.use(() => Promise.reject(new Error('bad image')))).rejects.toThrow('bad image');
    expect(log).toEqual(['open', 'close']);
  });
});

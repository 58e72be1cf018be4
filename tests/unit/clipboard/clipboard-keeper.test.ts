import { describe, expect, it } from 'vitest';
import { documentKeeper, type ClipboardDocument } from '@/lib/clipboard';

/** A document whose every call takes a turn of the event loop, recording what happened in order. */
function fakeDocument() {
  const log: string[] = [];
  const state = { open: false, pending: new Map<string, number>() };
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
  const doc: ClipboardDocument = {
    isOpen: async () => {
      await tick();
      return state.open;
    },
    open: async () => {
      await tick();
      if (state.open) throw new Error('Only a single offscreen document may be created.');
      state.open = true;
      log.push('open');
    },
    close: async () => {
      await tick();
      if (!state.open) throw new Error('No current offscreen document.');
      state.open = false;
      state.pending.clear();
      log.push('close');
    },
    clearLater: async (code, afterMs) => {
      await tick();
      if (!state.open) throw new Error('Could not establish connection. Receiving end does not exist.');
      state.pending.clear();
      state.pending.set(code, afterMs);
      log.push(`later ${code}`);
    },
    clearNow: async () => {
      await tick();
      const had = state.pending.size > 0;
      state.pending.clear();
      log.push('now');
      return had ? 'cleared' : 'nothing';
    },
    pending: async () => {
      await tick();
      return state.pending.size > 0;
    },
  };
  return { doc, log, state };
}

describe('documentKeeper', () => {
  it('opens the document once for requests made together', async () => {
    const { doc, log } = fakeDocument();
    const keeper = documentKeeper(doc);
    await Promise.all([keeper.clearLater('111111', 30_000), keeper.clearLater('222222', 30_000)]);
    expect(log).toEqual(['open', 'later 111111', 'later 222222']);
  });

  it('does not close a document that a request reached in the meantime', async () => {
    const { doc, log, state } = fakeDocument();
    const keeper = documentKeeper(doc);
    await keeper.clearLater('111111', 30_000);
    // The document's timer fired (nothing pending) and it said so, while a new copy arrives.
    state.pending.clear();
    await Promise.all([keeper.settled(), keeper.clearLater('222222', 30_000), keeper.settled()]);
    // In order: the first "settled" closes the idle document, the copy opens it again, and the
    // second "settled" finds the new code pending and leaves it open.
    expect(log).toEqual(['open', 'later 111111', 'close', 'open', 'later 222222']);
    expect(state.open).toBe(true);
    expect(state.pending.has('222222')).toBe(true);
  });

  it('closes an idle document, and opens a new one for the next copy', async () => {
    const { doc, log, state } = fakeDocument();
    const keeper = documentKeeper(doc);
    await keeper.clearLater('111111', 30_000);
    state.pending.clear();
    await keeper.settled();
    await keeper.settled();
    expect(state.open).toBe(false);
    await keeper.clearLater('333333', 30_000);
    expect(log).toEqual(['open', 'later 111111', 'close', 'open', 'later 333333']);
  });

  it('clearing now opens nothing', async () => {
    const { doc, log } = fakeDocument();
    const keeper = documentKeeper(doc);
    expect(await keeper.clearNow()).toBe('nothing');
    await keeper.clearLater('111111', 30_000);
    expect(await keeper.clearNow()).toBe('cleared');
    expect(log).toEqual(['open', 'later 111111', 'now']);
  });

  it('a failed step does not stop the ones after it', async () => {
    const { doc, state } = fakeDocument();
    const keeper = documentKeeper({
      ...doc,
      open: async () => {
        throw new Error('refused');
      },
    });
    await expect(keeper.clearLater('111111', 30_000)).rejects.toThrow('refused');
    state.open = true;
    await keeper.clearLater('222222', 30_000);
    expect(state.pending.has('222222')).toBe(true);
  });
});

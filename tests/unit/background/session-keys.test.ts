import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sessionEntries, sessionKeys } from '@/entrypoints/background/session-keys';

beforeEach(async () => {
  fakeBrowser.reset();
  await fakeBrowser.storage.session.set({
    'tab:7:0': { frameId: 0 },
    'tab:7:2': { frameId: 2 },
    'tab:8:0': { frameId: 0 },
    'vault:account-index': { entries: Array.from({ length: 1000 }, (_, i) => ({ id: String(i) })) },
  });
});
afterEach(() => vi.restoreAllMocks());

describe('session storage by key prefix', () => {
  it('lists key names without reading every value where the browser can (getKeys)', async () => {
    const area = fakeBrowser.storage.session;
    const names = ['tab:7:0', 'tab:7:2', 'tab:8:0', 'vault:account-index'];
    vi.spyOn(area, 'getKeys').mockImplementation((async () => names) as never);
    const get = vi.spyOn(area, 'get');
    expect(await sessionEntries('tab:7:')).toEqual([
      ['tab:7:0', { frameId: 0 }],
      ['tab:7:2', { frameId: 2 }],
    ]);
    // The only read of values names the tab's keys: the index is not copied along.
    expect(get.mock.calls.map(([keys]) => keys)).toEqual([['tab:7:0', 'tab:7:2']]);
  });

  it('control: a browser without getKeys gets the same answer by reading everything', async () => {
    // WXT's fake browser, like Firefox before 143, has no working getKeys.
    const get = vi.spyOn(fakeBrowser.storage.session, 'get');
    expect(await sessionKeys('tab:')).toEqual(['tab:7:0', 'tab:7:2', 'tab:8:0']);
    expect(get).toHaveBeenCalledWith(null);
    expect(await sessionEntries('tab:9:')).toEqual([]);
  });
});

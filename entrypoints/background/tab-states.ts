import { browser } from 'wxt/browser';
import type { PageState } from '@/lib/bitrix';
import type { TabState } from '@/lib/protocol';
import { sessionEntries, sessionKeys } from './session-keys';

// One key a frame, so reports from several frames of a tab never overwrite each other. Session
// storage, so a stopped service worker forgets nothing and a browser restart forgets everything.
const tabPrefix = (tabId: number) => `tab:${tabId}:`;

async function tabEntries(tabId: number): Promise<[string, TabState][]> {
  return (await sessionEntries(tabPrefix(tabId))) as [string, TabState][];
}

export async function recordFrameState(tabId: number, frame: Omit<TabState, 'state'>, state: PageState): Promise<void> {
  const key = `${tabPrefix(tabId)}${frame.frameId}`;
  if (state === 'none') await browser.storage.session.remove(key);
  else await browser.storage.session.set({ [key]: { ...frame, state } });
}

/** Every frame of the tab that recognised something, the top frame first. */
export async function tabStates(tabId: number): Promise<TabState[]> {
  return (await tabEntries(tabId)).map(([, state]) => state).sort((a, b) => a.frameId - b.frameId);
}

export async function forgetTab(tabId: number): Promise<void> {
  // Names only, in one read: between the read and the removal the tab's next document may report,
  // and a removal that lags further behind would take that report with it.
  const keys = await sessionKeys(tabPrefix(tabId));
  if (keys.length > 0) await browser.storage.session.remove(keys);
}

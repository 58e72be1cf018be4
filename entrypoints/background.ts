import { browser, type Browser } from 'wxt/browser';
import { isPortalUrl, selfHostedPatterns } from '@/lib/bitrix';
import { parseMessage, type Message, type TabState } from '@/lib/messages';
import { syncSelfHostedContentScript } from '@/lib/self-hosted-registration';

type Sender = Browser.runtime.MessageSender;

// One key a frame, so reports from several frames of a tab never overwrite each other. Session
// storage, so a stopped service worker forgets nothing and a browser restart forgets everything.
const tabPrefix = (tabId: number) => `tab:${tabId}:`;

async function grantedOrigins(): Promise<string[]> {
  return (await browser.permissions.getAll()).origins ?? [];
}

async function tabFrames(tabId: number): Promise<[string, TabState][]> {
  const all = await browser.storage.session.get(null);
  return Object.entries(all).filter(([key]) => key.startsWith(tabPrefix(tabId))) as [string, TabState][];
}

async function forgetTab(tabId: number): Promise<void> {
  const keys = (await tabFrames(tabId)).map(([key]) => key);
  if (keys.length > 0) await browser.storage.session.remove(keys);
}

/** Where a content script's report comes from, as the browser says, or null when it is not a portal. */
async function reportingFrame(sender: Sender): Promise<{ tabId: number; origin: string; frameId: number } | null> {
  if (sender.id !== browser.runtime.id || sender.tab?.id === undefined || !sender.url) return null;
  const url = new URL(sender.url);
  if (!isPortalUrl(url, await grantedOrigins())) return null;
  return { tabId: sender.tab.id, origin: url.origin, frameId: sender.frameId ?? 0 };
}

const isExtensionPage = (sender: Sender) =>
  sender.id === browser.runtime.id && sender.url?.startsWith(browser.runtime.getURL('/')) === true;

async function handle(message: Message, sender: Sender): Promise<unknown> {
  switch (message.type) {
    case 'page-state': {
      const frame = await reportingFrame(sender);
      if (!frame) return null;
      const key = `${tabPrefix(frame.tabId)}${frame.frameId}`;
      if (message.state === 'none') await browser.storage.session.remove(key);
      else await browser.storage.session.set({ [key]: { state: message.state, origin: frame.origin, frameId: frame.frameId } });
      return { ok: true };
    }
    case 'get-tab-state': {
      if (!isExtensionPage(sender)) return [];
      return (await tabFrames(message.tabId)).map(([, state]) => state).sort((a, b) => a.frameId - b.frameId);
    }
  }
}

export default defineBackground({
  type: 'module',
  main() {
    browser.runtime.onMessage.addListener((data: unknown, sender: Sender) => {
      const message = parseMessage(data);
      return message ? handle(message, sender) : undefined;
    });

    browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
    browser.tabs.onUpdated.addListener((tabId, change) => {
      // A new document's content script reports afresh; this clears tabs that left the portal.
      if (change.status === 'loading' && change.url) void forgetTab(tabId);
    });

    const sync = async () => syncSelfHostedContentScript(selfHostedPatterns(await grantedOrigins()));
    browser.runtime.onInstalled.addListener(() => void sync());
    browser.runtime.onStartup.addListener(() => void sync());
    browser.permissions.onAdded.addListener(() => void sync());
    browser.permissions.onRemoved.addListener(() => void sync());
  },
});

import { browser } from 'wxt/browser';
import { selfHostedPatterns } from '@/lib/bitrix';
import { parseMessage, type Message } from '@/lib/messages';
import { syncSelfHostedContentScript } from '@/lib/self-hosted-registration';
import { toFailure } from './failures';
import { grantedOrigins, isExtensionPage, portalFrame, type Sender } from './senders';
import { forgetTab, recordFrameState, tabStates } from './tab-states';
import { vaultHandlers } from './vault-handlers';
import { watchForLockEvents } from './vault-keeper';

async function handle(message: Message, sender: Sender): Promise<unknown> {
  if (message.type === 'page-state') {
    const frame = await portalFrame(sender);
    if (!frame) return null;
    await recordFrameState(frame.tabId, { origin: frame.origin, frameId: frame.frameId }, message.state);
    return { ok: true };
  }
  // Everything else is for the extension's own pages: a content script never gets past here.
  if (!isExtensionPage(sender)) return null;
  if (message.type === 'get-tab-state') return tabStates(message.tabId);
  const handler = vaultHandlers[message.type] as (m: Message) => Promise<unknown>;
  return handler(message).catch(toFailure);
}

export default defineBackground({
  type: 'module',
  main() {
    browser.runtime.onMessage.addListener((data: unknown, sender: Sender) => {
      const message = parseMessage(data);
      return message ? handle(message, sender) : undefined;
    });

    // Content scripts never read session storage: it holds the unlocked vault's key.
    void browser.storage.session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
    watchForLockEvents();

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

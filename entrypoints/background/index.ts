import { browser } from 'wxt/browser';
import { parseMessage, type Message } from '@/lib/messages';
import { syncSelfHostedContentScript } from '@/lib/self-hosted-registration';
import { watchActionIcon } from './action-icon';
import { clipboardCopied, clipboardSettled, watchClipboard } from './clipboard';
import { enrol } from './enrol';
import { toFailure } from './failures';
import { fill, fillOnLoad, runPendingFill } from './fill';
import { contentStrings, languageMayHaveChanged, speakUserLanguage } from './language';
import { listenForFillCommands, syncContextMenu } from './fill-entry-points';
import { watchPolicy } from './policy-source';
import { portalPatterns } from './portal-patterns';
import { lastScan, regionPicked, startSelection } from './scan-select';
import { scanTab } from './scan-tab';
import { isExtensionPage, portalFrame, type Sender } from './senders';
import { forgetTab, recordFrameState, tabStates } from './tab-states';
import { vaultHandlers } from './vault-handlers';
import { onLocked, watchForLockEvents } from './vault-keeper';

/** The content script and the context menu on exactly the portals enabled now, titled in the user's language. */
async function sync(): Promise<void> {
  await speakUserLanguage();
  const patterns = await portalPatterns();
  await syncSelfHostedContentScript(patterns);
  await syncContextMenu(patterns);
}

/** Messages after which the settings, and so the language, may differ. */
const SETTINGS_CHANGES = new Set<Message['type']>(['settings-set', 'backup-import', 'vault-wipe']);

async function handle(message: Message, sender: Sender): Promise<unknown> {
  await speakUserLanguage();
  if (message.type === 'page-state') {
    const frame = await portalFrame(sender);
    if (!frame) return null;
    await recordFrameState(frame.tabId, { origin: frame.origin, frameId: frame.frameId }, message.state);
    if (message.state === 'otp') void fillOnLoad(frame.tabId, frame.frameId, frame.origin).catch(() => undefined);
    return { ok: true, strings: contentStrings() };
  }
  if (message.type === 'enrol-request') {
    const frame = await portalFrame(sender);
    if (!frame) return null;
    return enrol(frame, message).catch(toFailure);
  }
  if (message.type === 'scan-region-picked') return regionPicked(sender, message.region).catch(() => null);
  if (message.type === 'fill-request') {
    const frame = await portalFrame(sender);
    if (!frame) return null;
    const { kind, accountId, card } = message;
    return fill({
      tabId: frame.tabId,
      frameId: frame.frameId,
      frameOrigin: frame.origin,
      kind,
      accountId,
      card,
      via: 'button',
    }).catch(toFailure);
  }
  // Everything else is for the extension's own pages: a content script never gets past here.
  if (!isExtensionPage(sender)) return null;
  if (message.type === 'get-tab-state') return tabStates(message.tabId);
  if (message.type === 'scan-tab') return scanTab(message).catch(toFailure);
  if (message.type === 'scan-select') return startSelection(message.tabId).catch(toFailure);
  if (message.type === 'scan-last') return lastScan();
  if (message.type === 'clipboard-copied') return clipboardCopied(message.code).catch(toFailure);
  if (message.type === 'clipboard-settled')
    return clipboardSettled().then(
      () => null,
      () => null,
    );
  if (message.type === 'fill') {
    const { tabId, accountId, kind = 'otp' } = message;
    return fill({ tabId, accountId, kind, via: 'popup' }).catch(toFailure);
  }
  const handler = vaultHandlers[message.type] as (m: Message) => Promise<{ ok: boolean }>;
  const reply = await handler(message).catch(toFailure);
  if (SETTINGS_CHANGES.has(message.type) && reply.ok) {
    languageMayHaveChanged();
    void sync().catch(() => undefined);
  }
  if (message.type === 'vault-unlock' && reply.ok) await runPendingFill().catch(() => undefined);
  return reply;
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
    watchClipboard(onLocked);
    watchActionIcon();

    browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
    browser.tabs.onUpdated.addListener((tabId, change) => {
      // A new document's content script reports afresh; this clears tabs that left the portal.
      if (change.status === 'loading' && change.url) void forgetTab(tabId);
    });

    listenForFillCommands();
    watchPolicy(() => void sync());
    browser.runtime.onInstalled.addListener(() => void sync());
    browser.runtime.onStartup.addListener(() => void sync());
    browser.permissions.onAdded.addListener(() => void sync());
    browser.permissions.onRemoved.addListener(() => void sync());
  },
});

import { browser } from 'wxt/browser';
import { createDispatcher } from '@/lib/protocol';
import { accountsChanged, watchActionIcon } from './action-icon';
import { clipboardCopied, clipboardSettled, watchClipboard } from './clipboard';
import { enrol } from './enrol';
import { toFailure } from './failures';
import { fill, fillOnLoad, runPendingFill } from './fill';
import { listenForFillCommands } from './fill-entry-points';
import { contentStrings, languageMayHaveChanged, speakUserLanguage } from './language';
import { watchPolicy } from './policy-source';
import { syncRegistrations } from './registrations';
import { lastScan, regionPicked, startSelection } from './scan-select';
import { scanTab } from './scan-tab';
import { type BackgroundSenders, isExtensionPage, portalFrame, type Sender } from './senders';
import { forgetTab, recordFrameState, tabStates } from './tab-states';
import { vaultHandlers } from './vault-handlers';
import { onLocked, watchForLockEvents } from './vault-keeper';

const dispatch = createDispatcher<Sender, BackgroundSenders>({
  senders: {
    portal: portalFrame,
    // The scan overlay's sender is matched to the selection it belongs to by regionPicked itself.
    tab: async (sender) => (sender.tab?.id === undefined ? null : sender),
    extension: async (sender) => (isExtensionPage(sender) ? sender : null),
  },
  handlers: {
    'page-state': async ({ state }, frame) => {
      await recordFrameState(frame.tabId, { origin: frame.origin, frameId: frame.frameId }, state);
      if (state === 'otp') void fillOnLoad(frame.tabId, frame.frameId, frame.origin).catch(() => undefined);
      return { ok: true, strings: contentStrings() };
    },
    'fill-request': ({ kind, accountId, card }, frame) =>
      fill({
        tabId: frame.tabId,
        frameId: frame.frameId,
        frameOrigin: frame.origin,
        kind,
        accountId,
        card,
        via: 'button',
      }),
    'enrol-request': (message, frame) => enrol(frame, message),
    'scan-region-picked': ({ region }, sender) => regionPicked(sender, region),
    'get-tab-state': async ({ tabId }) => ({ ok: true, frames: await tabStates(tabId) }),
    'scan-tab': scanTab,
    'scan-select': ({ tabId }) => startSelection(tabId),
    'scan-last': lastScan,
    'clipboard-copied': ({ code }) => clipboardCopied(code),
    'clipboard-settled': async () => {
      await clipboardSettled();
      return { ok: true };
    },
    fill: ({ tabId, accountId, kind = 'otp' }) => fill({ tabId, accountId, kind, via: 'popup' }),
    ...vaultHandlers,
  },
  effects: {
    'accounts-changed': async () => accountsChanged(),
    'settings-changed': async () => {
      languageMayHaveChanged();
      void syncRegistrations();
    },
    // A fill the user asked for while locked goes ahead once the vault is open.
    'vault-unlocked': () => runPendingFill(),
  },
  before: speakUserLanguage,
  toFailure,
});

export default defineBackground({
  type: 'module',
  main() {
    browser.runtime.onMessage.addListener((data: unknown, sender: Sender) => dispatch(data, sender));

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
    watchPolicy(() => void syncRegistrations());
    browser.runtime.onInstalled.addListener(() => void syncRegistrations());
    browser.runtime.onStartup.addListener(() => void syncRegistrations());
    browser.permissions.onAdded.addListener(() => void syncRegistrations());
    browser.permissions.onRemoved.addListener(() => void syncRegistrations());
  },
});

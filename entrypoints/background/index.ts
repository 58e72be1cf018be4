import { browser } from 'wxt/browser';
import { answering } from '../shared/answer';
import { watchActionIcon } from './action-icon';
import { watchClipboard } from './clipboard';
import { dispatch } from './dispatch';
import { listenForFillCommands } from './fill-entry-points';
import { forgetTabRates } from './fill-rate';
import { watchPolicy } from './policy-source';
import { syncRegistrations } from './registrations';
import { forgetTab } from './tab-states';
import { onLocked, watchForLockEvents } from './vault-keeper';

export default defineBackground({
  type: 'module',
  main() {
    browser.runtime.onMessage.addListener(answering((data, sender) => dispatch(data, sender)));

    // Content scripts never read session storage: it holds the unlocked vault's key.
    void browser.storage.session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
    watchForLockEvents();
    watchClipboard(onLocked);
    watchActionIcon();

    browser.tabs.onRemoved.addListener((tabId) => {
      void forgetTab(tabId);
      // Not on navigation: a page that reloads itself must not start its fill limits afresh.
      void forgetTabRates(tabId);
    });
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

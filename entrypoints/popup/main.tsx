// First, so that the popup's first question is on its way before the rest is evaluated.
import { firstScreen, namedTab } from './first-screen';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { loadPopupState } from '@/components/popup/load-state';
import { PopupApp } from '@/components/popup/PopupApp';
import type { ActiveTab, PopupPlatform, TabStateSource } from '@/components/popup/popup-platform';
import { sendToBackground as send } from '../shared/send';
import { webOrigin } from '@/lib/account';
import { applyLanguage, t, uiLanguage } from '@/lib/i18n';
import { installBrowserI18n } from '../shared/browser-i18n';
import uiStyle from '@/components/shared/ui.css?inline';
import { keepStorage } from '../shared/keep-storage';
import { passkeyPrompt } from '../shared/passkey-prompt';
import { readQrImage } from './read-qr-image';
import popupStyle from './style.css?inline';

// The browser's side of the popup; everything below `components/` gets it through PopupPlatform.

/**
 * The tab the popup acts on: the active one, or, in the window the background opens when the
 * toolbar popup cannot open, the one named in its address (only the extension opens its pages).
 */
async function activeTab(): Promise<ActiveTab | null> {
  const [tab] =
    namedTab === undefined
      ? await browser.tabs.query({ active: true, currentWindow: true })
      : [await browser.tabs.get(namedTab)];
  if (tab?.id === undefined) return null;
  // No URL: the popup may not see this tab's address; the recognised frames still name the portal.
  return { id: tab.id, origin: webOrigin(tab.url) };
}

/**
 * The style sheets go in with the script rather than as files of their own: every file an
 * extension page loads before it can draw costs it time, and nothing is drawn before this runs.
 */
function addStyles() {
  const style = document.createElement('style');
  style.textContent = uiStyle + popupStyle;
  document.head.append(style);
}

function tabState(tab: Promise<ActiveTab | null>): TabStateSource {
  return {
    async load() {
      const id = (await tab)?.id;
      if (id === undefined) return [];
      const reply = await send({ type: 'get-tab-state', tabId: id });
      return reply?.ok ? reply.frames : [];
    },
    subscribe(onChange) {
      // The background keeps tab states in session storage (`tab:<tab>:<frame>`, background/
      // tab-states.ts), which extension pages may watch; the rest of that area is not the tab's.
      const listener = (changes: Record<string, unknown>, area: string) => {
        if (area === 'session' && Object.keys(changes).some((key) => key.startsWith('tab:'))) onChange();
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}

async function start() {
  installBrowserI18n();
  addStyles();
  const tab = activeTab().catch(() => null);
  const state = await loadPopupState(send, namedTab, firstScreen);
  await applyLanguage(state.settings.language);
  const platform: PopupPlatform = {
    send,
    activeTab: await tab,
    tabState: tabState(tab),
    clipboard: {
      write: (text) => navigator.clipboard.writeText(text),
    },
    readQrImage,
    openOptions: (section) => {
      void (section
        ? browser.tabs.create({ url: browser.runtime.getURL(`/options.html#${section}`) })
        : browser.runtime.openOptionsPage());
      window.close();
    },
    keepStorage,
    passkeys: passkeyPrompt,
    now: () => Date.now(),
    setTimeout: (callback, ms) => window.setTimeout(callback, ms),
    clearTimeout: (handle) => window.clearTimeout(handle),
  };
  document.title = t('extName');
  document.documentElement.lang = uiLanguage();
  render(<PopupApp platform={platform} initial={state} />, document.getElementById('app')!);
}

void start();

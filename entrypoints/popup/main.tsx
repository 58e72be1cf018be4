import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '@/components/PopupApp';
import type { TabStateSource } from '@/components/TabStatus';
import { sendMessage } from '@/lib/send-message';
import { t } from '@/lib/i18n';
import './style.css';

const activeTabId = browser.tabs
  .query({ active: true, currentWindow: true })
  .then(([tab]) => tab?.id);

const tabState: TabStateSource = {
  async load() {
    const tabId = await activeTabId;
    return tabId === undefined ? [] : sendMessage({ type: 'get-tab-state', tabId });
  },
  subscribe(onChange) {
    // The background keeps tab states in session storage, which extension pages may watch.
    const listener = (_changes: unknown, area: string) => {
      if (area === 'session') onChange();
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  },
};

document.title = t('extName');
document.documentElement.lang = browser.i18n.getUILanguage();
render(<PopupApp tabState={tabState} />, document.getElementById('app')!);

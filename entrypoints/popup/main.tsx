import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '@/components/PopupApp';
import { sendMessage } from '@/lib/send-message';
import { t } from '@/lib/i18n';
import './style.css';

async function loadActiveTabState() {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return [];
  return sendMessage({ type: 'get-tab-state', tabId: tab.id });
}

document.title = t('extName');
document.documentElement.lang = browser.i18n.getUILanguage();
render(<PopupApp loadTabState={loadActiveTabState} />, document.getElementById('app')!);

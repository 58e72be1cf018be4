import { render } from 'preact';
import { browser } from 'wxt/browser';
import { loadOptionsState } from '@/components/options/load-state';
import { OptionsApp } from '@/components/options/OptionsApp';
import type { OptionsPlatform, PortalPermissions } from '@/components/options/options-platform';
import { sendToBackground as send } from '../shared/send';
import { selfHostedPatterns } from '@/lib/bitrix/portal-origins';
import { applyLanguage, t, uiLanguage } from '@/lib/i18n';
import { installBrowserI18n } from '../shared/browser-i18n';
import { keepStorage } from '../shared/keep-storage';
import { passkeyPrompt } from '../shared/passkey-prompt';
import '@/components/shared/ui.css';
import './style.css';

// The browser's side of the options page; everything below `components/` gets it through OptionsPlatform.

/** `https://host/*` for an origin. Match patterns cannot name a port, so access covers the whole host. */
const patternOf = (origin: string) => {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
};
const originOf = (pattern: string) => pattern.replace(/\/\*$/, '');

const portals: PortalPermissions = {
  async list() {
    return selfHostedPatterns((await browser.permissions.getAll()).origins ?? []).map(originOf);
  },
  grant: (origin) => browser.permissions.request({ origins: [patternOf(origin)] }),
  revoke: (origin) => browser.permissions.remove({ origins: [patternOf(origin)] }),
};

function download(fileName: string, text: string, mimeType: string): Promise<string> {
  const file = new Blob([text], { type: mimeType });
  const url = URL.createObjectURL(file);
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the object URL; revoking later frees the (secret) text.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return file.text();
}

async function start() {
  installBrowserI18n();
  const initial = await loadOptionsState(send);
  await applyLanguage(initial.settings.language);
  const platform: OptionsPlatform = {
    send,
    portals,
    download,
    keepStorage,
    passkeys: passkeyPrompt,
    reload: () => location.reload(),
  };
  document.title = `${t('optionsHeading')} — ${t('extName')}`;
  document.documentElement.lang = uiLanguage();
  render(<OptionsApp platform={platform} initial={initial} />, document.getElementById('app')!);
  // Opened at a section (the popup's backup reminder): the page is drawn only now, so go there.
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

void start();

import type { Page } from 'puppeteer-core';
import type { Message, Reply, TabState } from '@/lib/protocol';
import type { ExtensionSession } from './chromium';

export interface ExtensionPage {
  page: Page;
  /** Sends a protocol message from an extension page, as the popup and options page do. */
  send<M extends Message>(message: M): Promise<Reply<M>>;
}

/** The extension's popup opened as an ordinary tab: a trusted sender for vault messages. */
export async function openExtensionPage(session: ExtensionSession): Promise<ExtensionPage> {
  const page = await session.browser.newPage();
  await page.goto(`chrome-extension://${session.extension.id}/popup.html`);
  return {
    page,
    send: (message) => page.evaluate((m) => chrome.runtime.sendMessage(m), message as never) as never,
  };
}

/** Adds an authenticator account to the vault, bound to `origin`; returns its id. */
export async function addAccount(ext: ExtensionPage, uri: string, origin: string): Promise<string> {
  const added = await ext.send({ type: 'account-add', uri, origins: [origin] });
  if (!added.ok) throw new Error(added.message);
  return added.id;
}

/** The tab id of `page`, as the extension sees it. */
export async function tabIdOf(ext: ExtensionPage, page: Page): Promise<number> {
  const url = page.url();
  const tabs = await ext.page.evaluate(() => chrome.tabs.query({}));
  const tab = tabs.find((t) => t.url === url);
  if (tab?.id === undefined) throw new Error(`no tab shows ${url}`);
  return tab.id;
}

/** The frames a `get-tab-state` reply lists; none when it failed. */
export function framesOf(reply: Reply<{ type: 'get-tab-state' }>): TabState[] {
  return reply.ok ? reply.frames : [];
}

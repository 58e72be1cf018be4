import type { Page } from 'puppeteer-core';
import type { Message, Reply } from '@/lib/messages';
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

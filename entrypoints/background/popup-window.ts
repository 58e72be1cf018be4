import { browser } from 'wxt/browser';

/** Shows the popup (to unlock, to confirm, or instead of the in-page button): the toolbar popup where the browser allows it, else a small window. */
export async function openPopup(): Promise<void> {
  try {
    await browser.action.openPopup();
  } catch {
    await browser.windows.create({
      url: browser.runtime.getURL('/popup.html'),
      type: 'popup',
      width: 360,
      height: 560,
    });
  }
}

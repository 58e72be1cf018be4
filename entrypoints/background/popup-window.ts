import { browser } from 'wxt/browser';

/**
 * Shows the popup (to unlock, to confirm, or instead of the in-page button): the toolbar popup
 * where the browser allows it, else a small window. Firefox refuses the toolbar popup while another
 * panel is open (the downloads panel, say); the window then has no active tab of its own to act on,
 * so it is told `forTab`, the tab it was opened for.
 */
export async function openPopup(forTab?: number): Promise<void> {
  try {
    await browser.action.openPopup();
  } catch {
    await browser.windows.create({
      url: browser.runtime.getURL(forTab === undefined ? '/popup.html' : `/popup.html?tab=${forTab}`),
      type: 'popup',
      width: 360,
      height: 560,
    });
  }
}

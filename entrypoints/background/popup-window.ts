import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import type { Result } from '@/lib/result';
import { wasBound } from './bound-origins';
import { vaultState } from './vault-keeper';

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

/**
 * A doubted click on the page's button (fill-button.ts) opens the popup, where the user fills. While
 * the vault is locked that popup is the unlock window, which only a portal an account was bound to
 * may open (bound-origins.ts), as for fills and enrolments.
 */
export async function openPopupForPage(frame: { tabId: number; origin: string }): Promise<Result<object>> {
  if ((await vaultState()) !== 'unlocked' && !(await wasBound(frame.origin)))
    return { ok: false, code: 'locked', message: t('fillUnlockFromToolbar') };
  await openPopup(frame.tabId);
  return { ok: true };
}

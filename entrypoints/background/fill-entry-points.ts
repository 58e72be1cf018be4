import { browser } from 'wxt/browser';
import { CLOUD_MATCH_PATTERNS } from '@/lib/bitrix';
import type { FillKind } from '@/lib/protocol';
import { t } from '@/lib/i18n';
import { fill } from './fill';
import { sendToFrame } from './frames';
import { speakUserLanguage } from './language';

const MENU_ITEMS: { id: string; kind: FillKind; title: () => string }[] = [
  { id: 'fill-otp', kind: 'otp', title: () => t('menuFill') },
  { id: 'fill-recovery', kind: 'recovery', title: () => t('menuFillRecovery') },
];

/** Context-menu items on editable fields of portal pages only: cloud zones and the self-hosted `portalPatterns`. */
export async function syncContextMenu(portalPatterns: string[]): Promise<void> {
  const documentUrlPatterns = [...CLOUD_MATCH_PATTERNS, ...portalPatterns];
  await browser.contextMenus.removeAll();
  for (const item of MENU_ITEMS) {
    browser.contextMenus.create({ id: item.id, title: item.title(), contexts: ['editable'], documentUrlPatterns });
  }
}

/** A refusal where the user is looking: in the page, for the shortcut and the menu. */
async function tell(tabId: number, frameId: number | undefined, text: string): Promise<void> {
  await sendToFrame(tabId, frameId ?? 0, { type: 'notice', text }).catch(() => undefined);
}

export function listenForFillCommands(): void {
  browser.contextMenus.onClicked.addListener(async (info, tab) => {
    const item = MENU_ITEMS.find((i) => i.id === info.menuItemId);
    if (!item || tab?.id === undefined) return;
    await speakUserLanguage();
    const result = await fill({ tabId: tab.id, frameId: info.frameId ?? 0, kind: item.kind, via: 'menu' });
    if (!result.ok && result.code !== 'locked') await tell(tab.id, info.frameId, result.message);
  });
  browser.commands.onCommand.addListener(async (command, tab) => {
    if (command !== 'fill-code' || tab?.id === undefined) return;
    await speakUserLanguage();
    const result = await fill({ tabId: tab.id, kind: 'otp', via: 'shortcut' });
    if (!result.ok && result.code !== 'locked') await tell(tab.id, undefined, result.message);
  });
}

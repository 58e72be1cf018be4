import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { speakUserLanguage } from './language';
import type { TabState, VaultState } from '@/lib/protocol';
import { BOUND_ORIGINS_KEY, boundOrigins } from './bound-origins';
import { sessionKeys } from './session-keys';
import { tabStates } from './tab-states';
import { vaultState } from './vault-keeper';

/** What the toolbar icon says: locked (grey), unlocked, or unlocked with a code for this page (badge). */
export type IconState = 'locked' | 'unlocked' | 'code-available';

/** A tab offers a code when one of its frames asks for one and an account is bound to that frame's origin. */
export function iconStateFor(
  vault: VaultState,
  frames: readonly TabState[],
  boundOrigins: ReadonlySet<string>,
): IconState {
  if (vault !== 'unlocked') return 'locked';
  const asks = frames.some((f) => (f.state === 'otp' || f.state === 'recovery') && boundOrigins.has(f.origin));
  return asks ? 'code-available' : 'unlocked';
}

const ICON_SIZES = [16, 32] as const;
const BADGE_COLOR = '#1a7f37';
const TAB_KEY = /^tab:(\d+):/;
const VAULT_KEY = 'vault:key';
let greyIcons: Promise<Record<number, ImageData> | null> | null = null;

/** The extension's icon in grey, drawn from the packaged PNGs; null where the worker cannot draw. */
function lockedIcons(): Promise<Record<number, ImageData> | null> {
  greyIcons ??= (async () => {
    const images: Record<number, ImageData> = {};
    for (const size of ICON_SIZES) {
      const blob = await (await fetch(browser.runtime.getURL(`/icon/${size}.png` as '/'))).blob();
      const canvas = new OffscreenCanvas(size, size);
      const context = canvas.getContext('2d')!;
      context.drawImage(await createImageBitmap(blob), 0, 0, size, size);
      const image = context.getImageData(0, 0, size, size);
      const px = image.data;
      for (let i = 0; i < px.length; i += 4) {
        const grey = Math.round(0.3 * px[i]! + 0.59 * px[i + 1]! + 0.11 * px[i + 2]!);
        px[i] = px[i + 1] = px[i + 2] = grey;
        px[i + 3] = Math.round(px[i + 3]! * 0.75);
      }
      images[size] = image;
    }
    return images;
  })().catch(() => null);
  return greyIcons;
}

async function showVaultState(vault: VaultState): Promise<void> {
  const locked = vault !== 'unlocked';
  const grey = locked ? await lockedIcons() : null;
  if (grey) await browser.action.setIcon({ imageData: grey as never });
  else await browser.action.setIcon({ path: Object.fromEntries(ICON_SIZES.map((s) => [s, `/icon/${s}.png`])) });
  await browser.action.setTitle({ title: t(TITLES[locked ? 'locked' : 'unlocked']) });
}

const TITLES = {
  locked: 'actionTitleLocked',
  unlocked: 'actionTitleUnlocked',
  'code-available': 'actionTitleCodeAvailable',
} as const;

async function showTabState(tabId: number, state: IconState): Promise<void> {
  const available = state === 'code-available';
  await browser.action.setBadgeText({ tabId, text: available ? '•' : '' });
  if (available) await browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR });
  // A tab's own title wins over the global one, so it is always set to the tab's whole state.
  await browser.action.setTitle({ tabId, title: t(TITLES[state]) });
}

async function refreshTabs(vault: VaultState, tabIds: Iterable<number>): Promise<void> {
  const origins = vault === 'unlocked' ? await boundOrigins().catch(() => new Set<string>()) : new Set<string>();
  for (const tabId of tabIds) {
    const frames = await tabStates(tabId).catch(() => []);
    await showTabState(tabId, iconStateFor(vault, frames, origins)).catch(() => undefined);
  }
}

/** Tabs the background knows something about: any of them may need its badge changed. */
async function knownTabs(): Promise<Set<number>> {
  const keys = await sessionKeys('tab:');
  return new Set(
    keys.flatMap((key) => {
      const match = TAB_KEY.exec(key);
      return match ? [Number(match[1])] : [];
    }),
  );
}

// One refresh at a time, in order, so a slow one never overwrites a newer state.
let queue: Promise<void> = Promise.resolve();
function enqueue(work: () => Promise<void>): void {
  queue = queue
    .then(speakUserLanguage)
    .then(work)
    .catch(() => undefined);
}

function refreshAll(): void {
  enqueue(async () => {
    const vault = await vaultState().catch((): VaultState => 'locked');
    await showVaultState(vault);
    await refreshTabs(vault, await knownTabs());
  });
}

function refreshSome(tabIds: number[]): void {
  enqueue(async () => refreshTabs(await vaultState().catch((): VaultState => 'locked'), tabIds));
}

/** Accounts were added, changed or removed, or the language changed (the message's handler has finished). */
export function accountsChanged(): void {
  refreshAll();
}

/** Keeps the toolbar icon in step with the vault and with what each tab shows. */
export function watchActionIcon(): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'session') return;
    const keys = Object.keys(changes);
    if (keys.includes(VAULT_KEY) || keys.includes(BOUND_ORIGINS_KEY)) return refreshAll();
    const tabs = [...new Set(keys.flatMap((key) => TAB_KEY.exec(key)?.[1] ?? []).map(Number))];
    if (tabs.length > 0) refreshSome(tabs);
  });
  browser.tabs.onActivated.addListener(({ tabId }) => refreshSome([tabId]));
  refreshAll();
}

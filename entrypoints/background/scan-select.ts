import { browser, type Browser } from 'wxt/browser';
import type { Replies, ScanRegion } from '@/lib/protocol';
import type { ScanFinding } from '@/lib/qr/finding';
import { scanTab } from './scan-tab';
import type { Sender } from './senders';
import { openPopup } from './popup-window';

/** The injected function below runs in the tab, where only the browser's own global exists. */
declare const chrome: typeof Browser;

const PENDING = 'scan:select';
const LAST = 'scan:last';
const MAX_AGE_MS = 2 * 60_000;

/**
 * Runs in the tab: a full-window layer on which the user drags a rectangle around the QR code. Only
 * the user's own mouse counts; Escape cancels. The layer is gone from the screen before the
 * rectangle is reported, so the capture shows the page, not the layer.
 */
function selectRegionOverlay(): void {
  const layer = document.createElement('div');
  layer.style.cssText = 'position:fixed;inset:0;z-index:2147483647;cursor:crosshair;background:rgba(0,0,0,.12)';
  const box = document.createElement('div');
  box.style.cssText =
    'position:fixed;border:2px dashed #2fc6f6;background:rgba(47,198,246,.12);display:none;pointer-events:none';
  layer.append(box);
  document.documentElement.append(layer);
  let start: { x: number; y: number } | null = null;
  const rect = (e: MouseEvent) => ({
    x: Math.min(start!.x, e.clientX),
    y: Math.min(start!.y, e.clientY),
    width: Math.abs(e.clientX - start!.x),
    height: Math.abs(e.clientY - start!.y),
  });
  const close = () => {
    layer.remove();
    removeEventListener('keydown', onKey, true);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') close();
  };
  addEventListener('keydown', onKey, true);
  layer.addEventListener('mousedown', (e) => {
    if (!e.isTrusted) return;
    start = { x: e.clientX, y: e.clientY };
    box.style.display = 'block';
  });
  layer.addEventListener('mousemove', (e) => {
    if (!start) return;
    const r = rect(e);
    Object.assign(box.style, { left: `${r.x}px`, top: `${r.y}px`, width: `${r.width}px`, height: `${r.height}px` });
  });
  layer.addEventListener('mouseup', (e) => {
    if (!e.isTrusted || !start) return;
    const region = rect(e);
    close();
    if (region.width < 8 || region.height < 8) return;
    requestAnimationFrame(() =>
      requestAnimationFrame(() => void chrome.runtime.sendMessage({ type: 'scan-region-picked', region })),
    );
  });
}

/** Puts the selection layer on the tab; the popup's activeTab grant allows it and the capture after. */
export async function startSelection(tabId: number): Promise<Replies['scan-select']> {
  await browser.storage.session.set({ [PENDING]: { tabId, at: Date.now() } });
  await browser.scripting.executeScript({ target: { tabId }, func: selectRegionOverlay });
  return { ok: true };
}

/** The rectangle from the layer: accepted only from the tab a selection was started on, once. */
export async function regionPicked(sender: Sender, region: ScanRegion): Promise<Replies['scan-region-picked']> {
  const pending = (await browser.storage.session.get(PENDING))[PENDING] as { tabId: number; at: number } | undefined;
  if (
    !pending ||
    sender.tab?.id !== pending.tabId ||
    (sender.frameId ?? 0) !== 0 ||
    Date.now() - pending.at > MAX_AGE_MS
  )
    return { ok: false, code: 'no-selection', message: 'No rectangle was asked for in this tab.' };
  await browser.storage.session.remove(PENDING);
  const result = await scanTab({ type: 'scan-tab', tabId: pending.tabId, region });
  await browser.storage.session.set({ [LAST]: { findings: result.ok ? result.findings : [], at: Date.now() } });
  await openPopup(pending.tabId);
  return { ok: true };
}

/** What the last rectangle scan found, handed to the popup that opens after it, once. */
export async function lastScan(): Promise<Replies['scan-last']> {
  const last = (await browser.storage.session.get(LAST))[LAST] as { findings: ScanFinding[]; at: number } | undefined;
  await browser.storage.session.remove(LAST);
  return { ok: true, findings: last && Date.now() - last.at < MAX_AGE_MS ? last.findings : null };
}

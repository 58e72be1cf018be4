import { browser } from 'wxt/browser';
import type { Message, Replies } from '@/lib/protocol';
import { MAX_SCAN_IMAGES } from '@/lib/protocol/offscreen-document';
import { toScanFinding, type ScanFinding } from '@/lib/qr/finding';
import type { ScanResult } from '@/lib/qr/scan';
import { scanQr } from './qr-scanner';

type ScanRequest = Extract<Message, { type: 'scan-tab' }>;

/**
 * Runs in each frame of the tab (isolated world), with nothing but the DOM: the exact pixels of
 * every image and canvas large enough to be a QR code. Decoding happens back in the extension.
 */
function collectPagePixels(): { width: number; height: number; data: string }[] {
  const MIN = 40;
  const MAX = 2048;
  const found: { width: number; height: number; data: string }[] = [];
  for (const source of document.querySelectorAll<HTMLImageElement | HTMLCanvasElement>('img, canvas')) {
    if (found.length >= 24) break;
    const rect = source.getBoundingClientRect();
    const width = source instanceof HTMLImageElement ? source.naturalWidth : source.width;
    const height = source instanceof HTMLImageElement ? source.naturalHeight : source.height;
    if (rect.width < MIN || rect.height < MIN || width < MIN || height < MIN || width > MAX || height > MAX) continue;
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) continue;
    try {
      context.drawImage(source, 0, 0);
      const bytes = context.getImageData(0, 0, width, height).data;
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      found.push({ width, height, data: btoa(binary) });
    } catch {
      // Another origin's image: its pixels are not ours to read.
    }
  }
  return found;
}

function distinct(results: ScanResult[]): ScanFinding[] {
  const seen = new Set<string>();
  return results.filter((r) => !seen.has(r.text) && seen.add(r.text)).map(toScanFinding);
}

/** Chromium refuses more than two `captureVisibleTab` calls a second (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND). */
const CAPTURE_SPACING_MS = 600;
let lastCapture: Promise<number> = Promise.resolve(0);

/** One capture at a time, spaced so that a scan right after another is not refused by the browser. */
function spacedCapture(windowId: number): Promise<string> {
  const turn = lastCapture.then(async (previous) => {
    const wait = previous + CAPTURE_SPACING_MS - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    return browser.tabs.captureVisibleTab(windowId, { format: 'png' });
  });
  lastCapture = turn.then(
    () => Date.now(),
    () => Date.now(),
  );
  return turn;
}

/** The visible area of the tab as a PNG, with the tab's width in CSS pixels (captures are in device pixels). */
async function capture(tabId: number): Promise<{ dataUrl: string; tabWidth?: number }> {
  const tab = await browser.tabs.get(tabId);
  const dataUrl = await spacedCapture(tab.windowId);
  return tab.width ? { dataUrl, tabWidth: tab.width } : { dataUrl };
}

/**
 * "Scan this page": the page's own images and canvases first (exact pixels, no scaling loss, in
 * every frame), then the visible area as the screen shows it. Needs the popup's activeTab grant.
 */
export async function scanTab({ tabId, region }: ScanRequest): Promise<Replies['scan-tab']> {
  if (region) {
    const results = await scanQr({ capture: { ...(await capture(tabId)), region } });
    return { ok: true, findings: distinct(results), source: 'region' };
  }
  const frames = await browser.scripting
    .executeScript({ target: { tabId, allFrames: true }, func: collectPagePixels })
    .catch(() => []);
  const images = frames
    .flatMap((frame) => (frame.result as ReturnType<typeof collectPagePixels> | undefined) ?? [])
    // The decoder takes no more.
    .slice(0, MAX_SCAN_IMAGES);
  const results = images.length > 0 ? await scanQr({ images }) : [];
  if (results.length > 0) return { ok: true, findings: distinct(results), source: 'page' };
  return { ok: true, findings: distinct(await scanQr({ capture: await capture(tabId) })), source: 'capture' };
}

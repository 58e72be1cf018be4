import type { QrImageErrorCode } from '../qr/errors';
import type { ScanResult } from '../qr/scan';
import { SETTING_RANGES } from '../settings';
import { arrayOf, int, nonNegative, optional, shape, text, type Check, type ShapeOf } from './checks';

/**
 * background → Chrome's offscreen document, the one page Chrome lets an extension keep without a
 * window: it reads the clipboard without focus, and it decodes QR codes so that jsQR and its tables
 * are not part of the service worker that every popup opening has to start. Extension pages all
 * hear runtime messages; only that document answers these, and only to the background.
 */
export type OffscreenMessage =
  | { type: 'clipboard-doc-clear-later'; code: string; afterMs: number }
  | { type: 'clipboard-doc-clear-now' }
  | { type: 'clipboard-doc-pending' }
  | ({ type: 'qr-doc-scan' } & QrScanRequest);

export interface OffscreenReplies {
  'clipboard-doc-clear-later': { ok: true };
  'clipboard-doc-clear-now': { outcome: 'cleared' | 'kept' | 'nothing' };
  'clipboard-doc-pending': { pending: boolean };
  /** `error`: the pixels could not be scanned at all (lib/qr's QrImageError, which a message cannot carry). */
  'qr-doc-scan': { results: ScanResult[] } | { error: { code: QrImageErrorCode; message: string } };
}

/** The largest image side anything hands over for decoding (a 4K capture is 3840 wide). */
const MAX_SIDE = 8192;
const side = nonNegative(MAX_SIDE);
/** Images one scan decodes at most. */
export const MAX_SCAN_IMAGES = 256;
const pixels = shape({
  width: int(1, 2048),
  height: int(1, 2048),
  data: text(Math.ceil((2048 * 2048 * 4) / 3) * 4 + 4),
});
const capture = shape({
  /** `tabs.captureVisibleTab`'s PNG. */
  dataUrl: (v: unknown): v is string => text(64 * 1024 * 1024)(v) && v.startsWith('data:image/png;base64,'),
  /** The tab's width in CSS pixels: capture width / this is the device pixel ratio. */
  tabWidth: optional(int(1, MAX_SIDE)),
  /** A rectangle the user drew, in CSS pixels of the tab. */
  region: optional(shape({ x: side, y: side, width: side, height: side })),
});
const QR_SCAN = { images: optional(arrayOf(pixels, MAX_SCAN_IMAGES)), capture: optional(capture) };

/** Page images' pixels (base64 RGBA), or one capture of the visible tab; never both. */
export type QrScanRequest = ShapeOf<typeof QR_SCAN>;
const qrScanRequest: Check<QrScanRequest> = (v): v is QrScanRequest =>
  shape({ type: text(16), ...QR_SCAN })(v) && (v.images === undefined) !== (v.capture === undefined);

const code = text(64);
// No longer than the settings allow: a far longer delay would overflow the browser's timer and fire at once.
const afterMs = int(0, SETTING_RANGES.clipboardClearSeconds.max * 1000);

export function parseOffscreenMessage(data: unknown): OffscreenMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const message = data as Record<string, unknown>;
  const { type } = message;
  if (type === 'clipboard-doc-clear-later') {
    return code(message.code) && afterMs(message.afterMs)
      ? { type, code: message.code, afterMs: message.afterMs }
      : null;
  }
  if (type === 'clipboard-doc-clear-now' || type === 'clipboard-doc-pending') return { type };
  if (type === 'qr-doc-scan' && qrScanRequest(message)) {
    return message.images ? { type, images: message.images } : { type, capture: message.capture! };
  }
  return null;
}

import { findCodes, type FindOptions, type WholeImageSearch } from './find-codes';
import { assertScannableImage } from './image-checks';
import type { DecodedQrCode, RgbaImage } from './types';

export interface DecodeOptions {
  /** Stop after this many codes. Default 8. */
  maxCodes?: number;
  /**
   * true: after the finder-guided pass, always let jsQR search the whole image too (catches codes
   * whose corner patterns are damaged; costs up to a few hundred ms, more on photos).
   * false: never. Default: only for small images (a page's own `<img>` or `<canvas>`) in which
   * finder patterns were seen but nothing decoded.
   */
  thorough?: boolean;
  /**
   * For a `tabs.captureVisibleTab` screenshot: the page's `window.devicePixelRatio`, which
   * includes the browser zoom. From 2 up, nothing the page draws is finer than 2 pixels, so finder
   * patterns are looked for at 1/2 (or 1/3) resolution, about 3× faster on a 4K capture; codes are
   * still decoded at full resolution. Leave it out for a page's own images and canvases.
   */
  devicePixelRatio?: number;
}

export const DEFAULT_MAX_CODES = 8;
/** Up to this many pixels a whole-image jsQR pass costs tens of milliseconds on a code-like image. */
const SMALL_IMAGE_PIXELS = 400 * 400;

/**
 * Every QR code in `image`, in reading order, each with its text and its corners in image pixels.
 * An image without codes gives `[]`; only malformed or oversized pixel data throws `QrImageError`.
 */
export function decodeAllQrCodes(image: RgbaImage, options: DecodeOptions = {}): DecodedQrCode[] {
  assertScannableImage(image);
  return findCodes(
    image,
    findOptions(options.maxCodes, options.devicePixelRatio, wholeImageSearch(options.thorough, image)),
  );
}

/** Caller options checked and filled in. */
export function findOptions(
  maxCodes: number | undefined,
  devicePixelRatio: number | undefined,
  wholeImage: WholeImageSearch,
): FindOptions {
  const max =
    maxCodes !== undefined && Number.isFinite(maxCodes) ? Math.max(1, Math.floor(maxCodes)) : DEFAULT_MAX_CODES;
  return { maxCodes: max, wholeImage, detectionShrink: detectionShrink(devicePixelRatio) };
}

function wholeImageSearch(thorough: boolean | undefined, image: RgbaImage): WholeImageSearch {
  if (thorough !== undefined) return thorough ? 'always' : 'never';
  return image.width * image.height <= SMALL_IMAGE_PIXELS ? 'if-hinted' : 'never';
}

function detectionShrink(devicePixelRatio: number | undefined): number {
  if (devicePixelRatio === undefined || !Number.isFinite(devicePixelRatio)) return 1;
  // Beyond 3 the savings are small and a zoomed-out page's finest details get close to a sample.
  return Math.min(3, Math.max(1, Math.floor(devicePixelRatio)));
}

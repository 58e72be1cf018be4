import { findCodes } from './find-codes';
import { findOptions } from './decode-all';
import { QrImageError } from './errors';
import { assertScannableImage, assertWellFormed } from './image-checks';
import type { DecodedQrCode, Point, Rect, RgbaImage } from './types';

export interface RegionOptions {
  /**
   * Device pixels per CSS pixel: the rectangle is in CSS pixels of the page (as the user dragged
   * it over the page) and the image is a capture at this ratio. Default 1 (rectangle in image pixels).
   */
  devicePixelRatio?: number;
  maxCodes?: number;
}

/**
 * The part of `image` under `rect`, in whole image pixels: scaled by the pixel ratio, rounded
 * outward (no edge pixel of the code is lost), clipped to the image. A rectangle dragged up or
 * left (negative size) counts the same as one dragged down and right.
 * Throws `QrImageError('empty-region')` when nothing of the image is left.
 */
export function regionInImage(image: { width: number; height: number }, rect: Rect, devicePixelRatio = 1): Rect {
  const ratio = Number.isFinite(devicePixelRatio) && devicePixelRatio > 0 ? devicePixelRatio : 1;
  const values = [rect.x, rect.y, rect.width, rect.height];
  if (!values.every(Number.isFinite)) throw emptyRegion();
  const left = Math.min(rect.x, rect.x + rect.width) * ratio;
  const top = Math.min(rect.y, rect.y + rect.height) * ratio;
  const right = Math.max(rect.x, rect.x + rect.width) * ratio;
  const bottom = Math.max(rect.y, rect.y + rect.height) * ratio;
  const x0 = Math.max(0, Math.floor(left));
  const y0 = Math.max(0, Math.floor(top));
  const x1 = Math.min(image.width, Math.ceil(right));
  const y1 = Math.min(image.height, Math.ceil(bottom));
  if (x1 - x0 < 1 || y1 - y0 < 1) throw emptyRegion();
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** A copy of the pixels under `rect` (see `regionInImage` for units and rounding). */
export function cropImage(image: RgbaImage, rect: Rect, devicePixelRatio = 1): RgbaImage {
  assertWellFormed(image);
  const box = regionInImage(image, rect, devicePixelRatio);
  const data = new Uint8ClampedArray(box.width * box.height * 4);
  for (let y = 0; y < box.height; y++) {
    const from = ((box.y + y) * image.width + box.x) * 4;
    data.set(image.data.subarray(from, from + box.width * 4), y * box.width * 4);
  }
  return { data, width: box.width, height: box.height };
}

/**
 * The QR codes inside a rectangle the user drew because the automatic scan found none. Searches
 * harder than `decodeAllQrCodes` (jsQR also gets the whole area, enlarged when small, in both
 * polarities), which a hand-picked area keeps affordable. Locations are in `image` pixels.
 */
export function decodeRegion(image: RgbaImage, rect: Rect, options: RegionOptions = {}): DecodedQrCode[] {
  const ratio = options.devicePixelRatio ?? 1;
  const box = regionInImage(image, rect, ratio);
  const crop = cropImage(image, box);
  assertScannableImage(crop);
  // A hand-picked area is small, so it is searched at full resolution whatever the pixel ratio.
  const codes = findCodes(crop, findOptions(options.maxCodes, undefined, 'always'));
  const shift = (p: Point): Point => ({ x: p.x + box.x, y: p.y + box.y });
  return codes.map((code) => ({
    text: code.text,
    location: {
      topLeft: shift(code.location.topLeft),
      topRight: shift(code.location.topRight),
      bottomRight: shift(code.location.bottomRight),
      bottomLeft: shift(code.location.bottomLeft),
    },
  }));
}

function emptyRegion(): QrImageError {
  return new QrImageError('empty-region', 'The selected area is empty. Drag a rectangle around the QR code.');
}

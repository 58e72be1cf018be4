import { QrImageError } from './errors';
import type { RgbaImage } from './types';

/**
 * 8K UHD. A 5K display's full-tab capture (14.7 Mpx) fits; beyond this the working buffers
 * (a byte or two a pixel) stop being reasonable for an extension page or a service worker.
 */
export const MAX_IMAGE_PIXELS = 7680 * 4320;

/** Throws `QrImageError` unless `image` is well-formed RGBA of a scannable size. */
export function assertScannableImage(image: RgbaImage): void {
  assertWellFormed(image);
  if (image.width * image.height > MAX_IMAGE_PIXELS) {
    throw new QrImageError(
      'image-too-large',
      `The image is too large to scan (${image.width}×${image.height} pixels). Select the area around the QR code instead.`,
    );
  }
}

/** A caller bug rather than a user problem, but reported the same typed way. */
export function assertWellFormed(image: RgbaImage): void {
  const { data, width, height } = image;
  const ok =
    Number.isSafeInteger(width) &&
    Number.isSafeInteger(height) &&
    width >= 0 &&
    height >= 0 &&
    data instanceof Uint8ClampedArray &&
    data.length === width * height * 4;
  if (!ok) {
    throw new QrImageError(
      'bad-image',
      'The picture could not be read (its pixel data is malformed). Try scanning again.',
    );
  }
}

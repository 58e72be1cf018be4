import { fromBase64 } from '@/lib/crypto/base64';
import type { OffscreenReplies, QrScanRequest } from '@/lib/protocol/offscreen-document';
import { QrImageError, scanImage, scanRegion, type RgbaImage, type ScanResult } from '@/lib/qr';

// Where QR codes are decoded: Chrome's offscreen document, and Firefox's background page, which
// loads this on first use. Not the service worker: it would start with jsQR on every wake.

function pagePixels({ width, height, data }: { width: number; height: number; data: string }): RgbaImage | null {
  const bytes = fromBase64(data);
  if (!bytes || bytes.length !== width * height * 4) return null;
  return { data: new Uint8ClampedArray(bytes.buffer, bytes.byteOffset, bytes.length), width, height };
}

async function capturePixels(dataUrl: string): Promise<RgbaImage> {
  const bitmap = await createImageBitmap(await (await fetch(dataUrl)).blob());
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, bitmap.width, bitmap.height);
}

async function scan({ images, capture }: QrScanRequest): Promise<ScanResult[]> {
  if (images)
    return images.flatMap((pixels) => {
      const image = pagePixels(pixels);
      return image ? scanImage(image) : [];
    });
  if (!capture) return [];
  const image = await capturePixels(capture.dataUrl);
  // Captures are in device pixels; the tab's size is in CSS pixels.
  const scale = capture.tabWidth ? image.width / capture.tabWidth : 1;
  const { region } = capture;
  if (region)
    return scanRegion(image, {
      x: region.x * scale,
      y: region.y * scale,
      width: region.width * scale,
      height: region.height * scale,
    });
  // At DPR 2 and above, finder patterns are searched at half resolution: several times faster.
  return scanImage(image, { devicePixelRatio: scale });
}

/** Every QR code in the request's images, in order, or in its capture (all of it, or the user's rectangle). */
export async function scanQrRequest(request: QrScanRequest): Promise<OffscreenReplies['qr-doc-scan']> {
  try {
    return { results: await scan(request) };
  } catch (error) {
    if (error instanceof QrImageError) return { error: { code: error.code, message: error.message } };
    throw error;
  }
}

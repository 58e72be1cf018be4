import type { ScanFinding } from '@/lib/qr/finding';

/**
 * The QR codes in a picture: decoded here in the popup (createImageBitmap + OffscreenCanvas) with
 * `lib/qr`, which is loaded only when a picture is chosen so that the popup opens as fast as ever.
 */
export async function readQrImage(file: Blob): Promise<ScanFinding[]> {
  const { scanImage, toScanFinding, MAX_IMAGE_PIXELS } = await import('@/lib/qr');
  const bitmap = await createImageBitmap(file);
  // A photo larger than the reader takes is scaled down; a QR code survives that easily.
  const scale = Math.min(1, Math.sqrt(MAX_IMAGE_PIXELS / (bitmap.width * bitmap.height)));
  const width = Math.max(1, Math.floor(bitmap.width * scale));
  const height = Math.max(1, Math.floor(bitmap.height * scale));
  const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true })!;
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const { data } = context.getImageData(0, 0, width, height);
  return scanImage({ data, width, height }).map(toScanFinding);
}

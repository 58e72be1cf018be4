import type { PagePixels } from '@/lib/messages';

const MAX_SIDE = 1024;

function toBase64(bytes: Uint8ClampedArray): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The exact pixels of the page's own QR image or canvas, at its natural size, for the background
 * to decode. Null when there is none, or the browser will not let them be read (another origin).
 */
export function qrPixels(block: Element | null): PagePixels | null {
  const source = block?.querySelector('img, canvas');
  if (!source) return null;
  const width = source instanceof HTMLImageElement ? source.naturalWidth : (source as HTMLCanvasElement).width;
  const height = source instanceof HTMLImageElement ? source.naturalHeight : (source as HTMLCanvasElement).height;
  if (!width || !height || width > MAX_SIDE || height > MAX_SIDE) return null;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  try {
    context.drawImage(source as CanvasImageSource, 0, 0);
    return { width, height, data: toBase64(context.getImageData(0, 0, width, height).data) };
  } catch {
    return null; // a cross-origin image taints the canvas
  }
}

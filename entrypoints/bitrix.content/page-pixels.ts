import { isRendered } from '@/lib/bitrix/visibility';
import { MAX_QR_CANDIDATES, type PagePixels } from '@/lib/protocol';

const MAX_SIDE = 1024;

function toBase64(bytes: Uint8ClampedArray): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** One colour everywhere (a placeholder canvas, an image not drawn yet): no QR code can be in it. */
function isBlank(data: Uint8ClampedArray): boolean {
  for (let i = 4; i < data.length; i += 4) {
    if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2] || data[i + 3] !== data[3])
      return false;
  }
  return true;
}

/** An inline `<svg>` as an image of its own: same document, so its pixels may be read. */
async function svgImage(svg: SVGSVGElement): Promise<HTMLImageElement | null> {
  const image = new Image();
  const markup = new XMLSerializer().serializeToString(svg);
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  try {
    await image.decode();
    return image;
  } catch {
    return null;
  }
}

function naturalSize(
  source: HTMLImageElement | HTMLCanvasElement,
  svg: SVGSVGElement | null,
): { width: number; height: number } {
  if (svg) {
    const box = svg.getBoundingClientRect();
    const width = Math.round(svg.width.baseVal.value || box.width) || 0;
    const height = Math.round(svg.height.baseVal.value || box.height) || 0;
    return { width, height };
  }
  if (source instanceof HTMLImageElement) return { width: source.naturalWidth, height: source.naturalHeight };
  return { width: source.width, height: source.height };
}

async function pixelsOf(element: Element): Promise<PagePixels | null> {
  const svg = element instanceof SVGSVGElement ? element : null;
  const source = svg ? await svgImage(svg) : (element as HTMLImageElement | HTMLCanvasElement);
  if (!source) return null;
  const { width, height } = naturalSize(source, svg);
  if (!width || !height || width > MAX_SIDE || height > MAX_SIDE) return null;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  try {
    // A QR code on a transparent background reads as black on black without this.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.drawImage(source, 0, 0, width, height);
    const { data } = context.getImageData(0, 0, width, height);
    return isBlank(data) ? null : { width, height, data: toBase64(data) };
  } catch {
    return null; // a cross-origin image taints the canvas
  }
}

/**
 * The exact pixels of every image, canvas and inline SVG in the enrolment QR block that holds
 * anything, those the user can see first: pages keep blank placeholder canvases, or hide the canvas
 * a library drew and show an `<img>` copy of it. The background decodes them in turn.
 */
export async function qrCandidates(block: Element | null): Promise<PagePixels[]> {
  if (!block) return [];
  const elements = [...block.querySelectorAll('img, canvas, svg')].filter(
    (e) => !(e instanceof SVGElement && e.ownerSVGElement),
  );
  elements.sort((a, b) => Number(isRendered(b)) - Number(isRendered(a)));
  const found: PagePixels[] = [];
  for (const element of elements) {
    if (found.length >= MAX_QR_CANDIDATES) break;
    const pixels = await pixelsOf(element);
    if (pixels) found.push(pixels);
  }
  return found;
}

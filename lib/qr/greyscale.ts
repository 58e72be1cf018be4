import type { RgbaImage } from './types';

/** One byte of brightness a pixel (0 black … 255 white), rows top to bottom. */
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Integer pixel rectangle, already clipped to its image. */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Brightness of `box` of `image` (all of it by default) with the same BT.709 weights jsQR uses.
 * Transparent pixels count as white: canvases and PNGs often draw the modules on a transparent
 * background, which read as (0,0,0,0) would be solid black and hide the code.
 */
export function greyscale(
  image: RgbaImage,
  box: PixelBox = { x: 0, y: 0, width: image.width, height: image.height },
): GreyImage {
  const out = new Uint8Array(box.width * box.height);
  const words = wordsOf(image);
  for (let y = 0; y < box.height; y++) {
    greyRun(image, words, (box.y + y) * image.width + box.x, box.width, out, y * box.width);
  }
  return { data: out, width: box.width, height: box.height };
}

/**
 * Every `step`-th pixel of every `step`-th row: the image shrunk `step` times by sampling. Only for
 * captures at a device pixel ratio of at least `step`, where a page's every visible detail spans
 * that many pixels, so the samples lose nothing a finder pattern needs — at 1/step² of the work
 * of converting (or averaging) every pixel.
 */
export function greyscaleSampled(image: RgbaImage, step: number): GreyImage {
  const width = Math.ceil(image.width / step);
  const height = Math.ceil(image.height / step);
  const data = new Uint8Array(width * height);
  const words = wordsOf(image);
  // The sample nearest each block's centre, kept inside partial blocks at the right and bottom.
  const middle = Math.floor(step / 2);
  for (let oy = 0; oy < height; oy++) {
    const y = Math.min(image.height - 1, oy * step + middle);
    for (let ox = 0; ox < width; ox++) {
      const p = y * image.width + Math.min(image.width - 1, ox * step + middle);
      data[oy * width + ox] = words ? wordBrightness(words[p]!) : byteBrightness(image.data, p);
    }
  }
  return { data, width, height };
}

/** A 32-bit view of the RGBA bytes (one read a pixel instead of four) where the platform allows. */
function wordsOf(image: RgbaImage): Uint32Array | null {
  const { data } = image;
  return LITTLE_ENDIAN && data.byteOffset % 4 === 0
    ? new Uint32Array(data.buffer, data.byteOffset, data.length / 4)
    : null;
}

/** Brightness of `count` pixels from pixel number `start` into `out` at `at`. */
function greyRun(
  image: RgbaImage,
  words: Uint32Array | null,
  start: number,
  count: number,
  out: Uint8Array,
  at: number,
): void {
  const end = start + count;
  if (words) {
    for (let p = start, o = at; p < end; p++, o++) out[o] = wordBrightness(words[p]!);
  } else {
    for (let p = start, o = at; p < end; p++, o++) out[o] = byteBrightness(image.data, p);
  }
}

function wordBrightness(w: number): number {
  return brightness(w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, w >>> 24);
}

function byteBrightness(data: Uint8ClampedArray, p: number): number {
  return brightness(data[p * 4]!, data[p * 4 + 1]!, data[p * 4 + 2]!, data[p * 4 + 3]!);
}

function brightness(r: number, g: number, b: number, alpha: number): number {
  // 54 + 183 + 19 = 256: BT.709 in integers; >> 8 keeps white at 255.
  const lum = (54 * r + 183 * g + 19 * b) >> 8;
  return alpha === 255 ? lum : ((lum * alpha + 255 * (255 - alpha) + 127) / 255) | 0;
}

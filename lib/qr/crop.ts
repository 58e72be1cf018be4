import type { GreyImage } from './greyscale';
import type { Point } from './types';

/** A piece of a grey image, resampled for the decoder, and the maps between the two. */
export interface Crop {
  grey: GreyImage;
  toImage(p: Point): Point;
  toCrop(p: Point): Point;
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const WHITE = 255;

/**
 * Copies `box` of `grey` at `scale`: an integer ≥ 1 repeats pixels (keeps module edges sharp), 1/k
 * averages k×k blocks. Whatever lies outside the image reads as white, so a code drawn with no
 * margin, or cut by the capture's edge, gets the quiet zone a decoder expects. `invert` turns a
 * light-on-dark code into an ordinary one (jsQR 1.4's own "onlyInvert" mode crashes).
 */
export function cropGrey(grey: GreyImage, box: Box, scale: number, invert: boolean): Crop {
  const sx0 = Math.floor(box.x0);
  const sy0 = Math.floor(box.y0);
  const sourceWidth = Math.max(1, Math.ceil(box.x1) - sx0);
  const sourceHeight = Math.max(1, Math.ceil(box.y1) - sy0);
  const enlarging = scale >= 1;
  const factor = enlarging ? Math.round(scale) : Math.round(1 / scale);
  const out = enlarging
    ? enlarge(grey, sx0, sy0, sourceWidth, sourceHeight, factor)
    : shrink(grey, sx0, sy0, sourceWidth, sourceHeight, factor);
  if (invert) invertInPlace(out);
  const s = enlarging ? factor : 1 / factor;
  return {
    grey: out,
    toImage: (p) => ({ x: sx0 + p.x / s, y: sy0 + p.y / s }),
    toCrop: (p) => ({ x: (p.x - sx0) * s, y: (p.y - sy0) * s }),
  };
}

/**
 * A square of `grey` centred on `centre` whose sides run along `u` and `v` (unit vectors), turned
 * upright and sampled bilinearly at `scale` output pixels per image pixel: jsQR reads a code
 * rotated by some tens of degrees much less reliably than an upright one.
 */
export function warpGrey(
  grey: GreyImage,
  centre: Point,
  u: Point,
  v: Point,
  halfSide: number,
  scale: number,
  invert: boolean,
): Crop {
  const size = Math.max(1, Math.ceil(2 * halfSide * scale));
  const data = new Uint8Array(size * size);
  const half = size / 2;
  for (let oy = 0; oy < size; oy++) {
    const b = (oy + 0.5 - half) / scale;
    for (let ox = 0; ox < size; ox++) {
      const a = (ox + 0.5 - half) / scale;
      data[oy * size + ox] = Math.round(
        sampleBilinear(grey, centre.x + a * u.x + b * v.x, centre.y + a * u.y + b * v.y),
      );
    }
  }
  const out = { data, width: size, height: size };
  if (invert) invertInPlace(out);
  // Inverse of the 2×2 map [u v] (not necessarily orthogonal when the legs were skewed).
  const det = u.x * v.y - v.x * u.y;
  return {
    grey: out,
    toImage: (p) => {
      const a = (p.x - half) / scale;
      const b = (p.y - half) / scale;
      return { x: centre.x + a * u.x + b * v.x, y: centre.y + a * u.y + b * v.y };
    },
    toCrop: (p) => {
      const dx = p.x - centre.x;
      const dy = p.y - centre.y;
      const a = (dx * v.y - dy * v.x) / det;
      const b = (dy * u.x - dx * u.y) / det;
      return { x: a * scale + half, y: b * scale + half };
    },
  };
}

/** Bilinear brightness at a point in pixel coordinates (pixel (i, j) spans [i, i+1)); white outside. */
export function sampleBilinear(grey: GreyImage, px: number, py: number): number {
  const x = px - 0.5;
  const y = py - 0.5;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const at = (px: number, py: number) =>
    px < 0 || py < 0 || px >= grey.width || py >= grey.height ? WHITE : grey.data[py * grey.width + px]!;
  const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
  const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
  return top * (1 - fy) + bottom * fy;
}

function invertInPlace(grey: GreyImage): void {
  for (let i = 0; i < grey.data.length; i++) grey.data[i] = WHITE - grey.data[i]!;
}

function enlarge(grey: GreyImage, sx0: number, sy0: number, sw: number, sh: number, factor: number): GreyImage {
  const width = sw * factor;
  const height = sh * factor;
  const data = new Uint8Array(width * height).fill(WHITE);
  const row = new Uint8Array(width);
  for (let sy = 0; sy < sh; sy++) {
    const y = sy0 + sy;
    if (y < 0 || y >= grey.height) continue;
    row.fill(WHITE);
    for (let sx = 0; sx < sw; sx++) {
      const x = sx0 + sx;
      if (x < 0 || x >= grey.width) continue;
      row.fill(grey.data[y * grey.width + x]!, sx * factor, sx * factor + factor);
    }
    for (let k = 0; k < factor; k++) data.set(row, (sy * factor + k) * width);
  }
  return { data, width, height };
}

function shrink(grey: GreyImage, sx0: number, sy0: number, sw: number, sh: number, factor: number): GreyImage {
  const width = Math.ceil(sw / factor);
  const height = Math.ceil(sh / factor);
  const sums = new Uint32Array(width * height);
  const counts = new Uint16Array(width * height);
  for (let sy = 0; sy < sh; sy++) {
    const y = sy0 + sy;
    const outRow = Math.floor(sy / factor) * width;
    for (let sx = 0; sx < sw; sx++) {
      const x = sx0 + sx;
      const v = y < 0 || y >= grey.height || x < 0 || x >= grey.width ? WHITE : grey.data[y * grey.width + x]!;
      const o = outRow + Math.floor(sx / factor);
      sums[o]! += v;
      counts[o]!++;
    }
  }
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(sums[i]! / counts[i]!);
  return { data, width, height };
}

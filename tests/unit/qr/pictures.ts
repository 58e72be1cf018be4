import type { RgbaImage } from '../../../lib/qr';

/** Synthetic pictures for the QR tests: canvases, pasting, scaling, noise. All deterministic. */

export function blank(width: number, height: number, grey = 255): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4).fill(grey);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { data, width, height };
}

/** Copies `source` into `target` with its top-left corner at (x, y), clipped to the target. */
export function paste(target: RgbaImage, source: RgbaImage, x: number, y: number): RgbaImage {
  for (let sy = 0; sy < source.height; sy++) {
    const ty = y + sy;
    if (ty < 0 || ty >= target.height) continue;
    for (let sx = 0; sx < source.width; sx++) {
      const tx = x + sx;
      if (tx < 0 || tx >= target.width) continue;
      const s = (sy * source.width + sx) * 4;
      target.data.set(source.data.subarray(s, s + 4), (ty * target.width + tx) * 4);
    }
  }
  return target;
}

/** A small fast PRNG so "random" pictures are the same on every run. */
export function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/** Every pixel an independent random grey (or colour) value. */
export function noise(width: number, height: number, seed: number, colour = false): RgbaImage {
  const next = random(seed);
  const image = blank(width, height);
  for (let i = 0; i < image.data.length; i += 4) {
    const g = Math.floor(next() * 256);
    image.data[i] = g;
    image.data[i + 1] = colour ? Math.floor(next() * 256) : g;
    image.data[i + 2] = colour ? Math.floor(next() * 256) : g;
  }
  return image;
}

/** Resized to width × height sampling the nearest pixel (as a canvas with smoothing off draws). */
export function resizeNearest(source: RgbaImage, width: number, height: number): RgbaImage {
  const out = blank(width, height);
  // Whole pixels as 32-bit words: a 4K picture is 8 million of them.
  const from = new Uint32Array(source.data.buffer, source.data.byteOffset, source.width * source.height);
  const to = new Uint32Array(out.data.buffer, out.data.byteOffset, width * height);
  const columns = Array.from({ length: width }, (_, x) =>
    Math.min(source.width - 1, Math.floor(((x + 0.5) * source.width) / width)),
  );
  for (let y = 0; y < height; y++) {
    const row = Math.min(source.height - 1, Math.floor(((y + 0.5) * source.height) / height)) * source.width;
    for (let x = 0; x < width; x++) to[y * width + x] = from[row + columns[x]!]!;
  }
  return out;
}

/** Resized with bilinear interpolation: the soft edges of a browser upscaling an image (CSS zoom). */
export function resizeBilinear(source: RgbaImage, width: number, height: number): RgbaImage {
  const out = blank(width, height);
  for (let y = 0; y < height; y++) {
    const fy = Math.max(0, Math.min(source.height - 1, ((y + 0.5) * source.height) / height - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(source.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.max(0, Math.min(source.width - 1, ((x + 0.5) * source.width) / width - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(source.width - 1, x0 + 1);
      const wx = fx - x0;
      for (let c = 0; c < 4; c++) {
        const at = (xx: number, yy: number) => source.data[(yy * source.width + xx) * 4 + c]!;
        const top = at(x0, y0) * (1 - wx) + at(x1, y0) * wx;
        const bottom = at(x0, y1) * (1 - wx) + at(x1, y1) * wx;
        out.data[(y * width + x) * 4 + c] = top * (1 - wy) + bottom * wy;
      }
    }
  }
  return out;
}

/** Rotated by `degrees` about its centre onto a white canvas big enough to hold it (nearest pixel). */
export function rotate(source: RgbaImage, degrees: number): RgbaImage {
  const r = (degrees * Math.PI) / 180;
  const cos = Math.cos(r);
  const sin = Math.sin(r);
  const size = Math.ceil(Math.abs(source.width * cos) + Math.abs(source.height * sin)) + 2;
  const out = blank(size, size);
  const c = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sx = Math.floor(cos * (x + 0.5 - c) + sin * (y + 0.5 - c) + source.width / 2);
      const sy = Math.floor(-sin * (x + 0.5 - c) + cos * (y + 0.5 - c) + source.height / 2);
      if (sx < 0 || sy < 0 || sx >= source.width || sy >= source.height) continue;
      const s = (sy * source.width + sx) * 4;
      out.data.set(source.data.subarray(s, s + 4), (y * size + x) * 4);
    }
  }
  return out;
}

/** Light becomes dark and dark light (a "dark mode" code). */
export function invert(source: RgbaImage): RgbaImage {
  const out = { data: new Uint8ClampedArray(source.data), width: source.width, height: source.height };
  for (let i = 0; i < out.data.length; i += 4) {
    out.data[i] = 255 - out.data[i]!;
    out.data[i + 1] = 255 - out.data[i + 1]!;
    out.data[i + 2] = 255 - out.data[i + 2]!;
  }
  return out;
}

/**
 * A 1920×1080-style "screenshot": light page, a dark header bar, grey text-like strokes, coloured
 * boxes and some photo-like noise patches, so the QR reader must look past real-looking content.
 */
export function fakeScreenshot(width: number, height: number, seed: number): RgbaImage {
  const next = random(seed);
  const image = blank(width, height, 246);
  fillRect(image, 0, 0, width, Math.round(height * 0.06), [38, 96, 160]);
  // "Text": short dark strokes in lines, like glyphs.
  for (let line = 0; line < 60; line++) {
    const y = Math.round(height * 0.1 + next() * height * 0.85);
    let x = Math.round(next() * width * 0.7);
    const end = Math.min(width - 4, x + Math.round(next() * width * 0.4));
    const glyph = 6 + Math.round(next() * 6);
    while (x < end) {
      const w = 1 + Math.round(next() * glyph * 0.6);
      if (next() > 0.25) fillRect(image, x, y, w, glyph, [40, 40, 40]);
      x += w + 1 + Math.round(next() * 3);
    }
  }
  for (let box = 0; box < 12; box++) {
    const colour: [number, number, number] = [
      Math.floor(next() * 256),
      Math.floor(next() * 256),
      Math.floor(next() * 256),
    ];
    fillRect(
      image,
      Math.round(next() * width),
      Math.round(next() * height),
      Math.round(20 + next() * 200),
      Math.round(10 + next() * 120),
      colour,
    );
  }
  for (let patch = 0; patch < 3; patch++) {
    const w = Math.round(100 + next() * 200);
    const h = Math.round(80 + next() * 150);
    paste(
      image,
      noise(w, h, seed + patch + 1, true),
      Math.round(next() * (width - w)),
      Math.round(next() * (height - h)),
    );
  }
  return image;
}

export function fillRect(
  image: RgbaImage,
  x: number,
  y: number,
  w: number,
  h: number,
  rgb: readonly [number, number, number],
): void {
  for (let yy = Math.max(0, y); yy < Math.min(image.height, y + h); yy++) {
    for (let xx = Math.max(0, x); xx < Math.min(image.width, x + w); xx++) {
      const i = (yy * image.width + xx) * 4;
      image.data[i] = rgb[0];
      image.data[i + 1] = rgb[1];
      image.data[i + 2] = rgb[2];
      image.data[i + 3] = 255;
    }
  }
}

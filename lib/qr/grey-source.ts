import type { Box } from './crop';
import { greyscale, type GreyImage } from './greyscale';
import type { Point, RgbaImage } from './types';

/**
 * Grey pixels of an RGBA image on demand: from a full grey copy when one was made anyway, else
 * converted area by area, so a large capture searched at low resolution is never converted whole.
 */
export interface GreySource {
  width: number;
  height: number;
  /** Grey pixels covering the part of `box` inside the image, and where they sit in the image. */
  area(box: Box): { grey: GreyImage; offset: Point };
}

export function greySource(image: RgbaImage, full: GreyImage | null): GreySource {
  return {
    width: image.width,
    height: image.height,
    area(box) {
      if (full) return { grey: full, offset: { x: 0, y: 0 } };
      const x = clamp(Math.floor(box.x0), 0, image.width);
      const y = clamp(Math.floor(box.y0), 0, image.height);
      const width = clamp(Math.ceil(box.x1), 0, image.width) - x;
      const height = clamp(Math.ceil(box.y1), 0, image.height) - y;
      return { grey: greyscale(image, { x, y, width, height }), offset: { x, y } };
    },
  };
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : Math.min(value, max);
}

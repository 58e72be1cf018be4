import type { GreyImage } from './greyscale';

const BLOCK = 8;
/** Blocks whose brightness varies less than this are treated as flat, not split into black and white. */
const MIN_DYNAMIC_RANGE = 24;

/**
 * 1 for dark pixels, 0 for light, by a local threshold: the mean "black point" of the 5×5 blocks of
 * 8×8 pixels around each block. The same scheme as jsQR's binariser (so what is found here jsQR can
 * also read), written over typed arrays in row order because jsQR's own is far too slow to run over
 * a whole screenshot.
 */
export function binarize(grey: GreyImage): Uint8Array {
  const { width, height } = grey;
  const cols = Math.ceil(width / BLOCK);
  const rows = Math.ceil(height / BLOCK);
  const blackPoints = blockBlackPoints(grey, cols, rows);
  const dark = new Uint8Array(width * height);
  for (let by = 0; by < rows; by++) {
    const top = clamp(by, 2, rows - 3);
    for (let bx = 0; bx < cols; bx++) {
      const left = clamp(bx, 2, cols - 3);
      let sum = 0;
      let count = 0;
      for (let ny = top - 2; ny <= top + 2; ny++) {
        if (ny < 0 || ny >= rows) continue;
        for (let nx = left - 2; nx <= left + 2; nx++) {
          if (nx < 0 || nx >= cols) continue;
          sum += blackPoints[ny * cols + nx]!;
          count++;
        }
      }
      const threshold = sum / count;
      const yEnd = Math.min(height, by * BLOCK + BLOCK);
      const xEnd = Math.min(width, bx * BLOCK + BLOCK);
      for (let y = by * BLOCK; y < yEnd; y++) {
        const row = y * width;
        for (let x = bx * BLOCK; x < xEnd; x++) dark[row + x] = grey.data[row + x]! <= threshold ? 1 : 0;
      }
    }
  }
  return dark;
}

/**
 * Per block, the average brightness; for a flat block, half its minimum (so plain background stays
 * light) unless its neighbours say it is the inside of a dark area.
 */
function blockBlackPoints(grey: GreyImage, cols: number, rows: number): Float32Array {
  const { data, width, height } = grey;
  const points = new Float32Array(cols * rows);
  for (let by = 0; by < rows; by++) {
    const yEnd = Math.min(height, by * BLOCK + BLOCK);
    for (let bx = 0; bx < cols; bx++) {
      const xEnd = Math.min(width, bx * BLOCK + BLOCK);
      let sum = 0;
      let min = 255;
      let max = 0;
      for (let y = by * BLOCK; y < yEnd; y++) {
        const row = y * width;
        for (let x = bx * BLOCK; x < xEnd; x++) {
          const v = data[row + x]!;
          sum += v;
          if (v < min) min = v;
          if (v > max) max = v;
        }
      }
      let point = sum / ((yEnd - by * BLOCK) * (xEnd - bx * BLOCK));
      if (max - min <= MIN_DYNAMIC_RANGE) {
        point = min / 2;
        if (by > 0 && bx > 0) {
          const neighbours =
            (points[(by - 1) * cols + bx]! + 2 * points[by * cols + bx - 1]! + points[(by - 1) * cols + bx - 1]!) / 4;
          if (min < neighbours) point = neighbours;
        }
      }
      points[by * cols + bx] = point;
    }
  }
  return points;
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : Math.min(value, max);
}

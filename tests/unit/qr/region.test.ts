import { describe, expect, it } from 'vitest';
import { cropImage, decodeRegion, QrImageError, regionInImage } from '../../../lib/qr';
import { BITRIX_URI, bitrixCode } from './fixtures';
import { blank, fakeScreenshot, paste, resizeNearest } from './pictures';
import { encodeQr } from './qrencode';

function errorCode(run: () => unknown): string {
  try {
    run();
    return 'no error';
  } catch (error) {
    return error instanceof QrImageError ? error.code : String(error);
  }
}

describe('regionInImage', () => {
  const image = { width: 200, height: 100 };

  it('scales a rectangle in CSS pixels by the device pixel ratio, rounding outward', () => {
    expect(regionInImage(image, { x: 10.3, y: 20, width: 30.2, height: 10.5 }, 2)).toEqual({
      x: 20,
      y: 40,
      width: 61,
      height: 21,
    });
    expect(regionInImage(image, { x: 10, y: 10, width: 20, height: 20 }, 1.5)).toEqual({
      x: 15,
      y: 15,
      width: 30,
      height: 30,
    });
    expect(regionInImage(image, { x: 10, y: 10, width: 20, height: 20 })).toEqual({
      x: 10,
      y: 10,
      width: 20,
      height: 20,
    });
  });

  it('accepts a rectangle dragged up or left, and clips to the image', () => {
    expect(regionInImage(image, { x: 50, y: 50, width: -20, height: -30 })).toEqual({
      x: 30,
      y: 20,
      width: 20,
      height: 30,
    });
    expect(regionInImage(image, { x: -10, y: 90, width: 40, height: 40 })).toEqual({
      x: 0,
      y: 90,
      width: 30,
      height: 10,
    });
  });

  it('rejects an empty or unusable rectangle with a typed error', () => {
    expect(errorCode(() => regionInImage(image, { x: 10, y: 10, width: 0, height: 10 }))).toBe('empty-region');
    expect(errorCode(() => regionInImage(image, { x: 300, y: 10, width: 10, height: 10 }))).toBe('empty-region');
    expect(errorCode(() => regionInImage(image, { x: Number.NaN, y: 0, width: 10, height: 10 }))).toBe('empty-region');
    expect(errorCode(() => regionInImage(image, { x: 0, y: 0, width: Infinity, height: 10 }))).toBe('empty-region');
  });
});

describe('cropImage', () => {
  it('copies exactly the pixels under the rectangle', () => {
    const image = blank(4, 3);
    image.data.set([1, 2, 3, 4], (1 * 4 + 2) * 4);
    const crop = cropImage(image, { x: 2, y: 1, width: 2, height: 2 });
    expect(crop.width).toBe(2);
    expect(crop.height).toBe(2);
    expect([...crop.data.subarray(0, 4)]).toEqual([1, 2, 3, 4]);
    expect(crop.data).not.toBe(image.data);
  });
});

describe('decodeRegion', () => {
  const shot = paste(fakeScreenshot(1280, 800, 21), bitrixCode(), 700, 300);

  it('reads the code in the dragged rectangle, located in whole-image pixels', () => {
    const codes = decodeRegion(shot, { x: 680, y: 280, width: 200, height: 200 });
    expect(codes.map((c) => c.text)).toEqual([BITRIX_URI]);
    expect(Math.abs(codes[0]!.location.topLeft.x - 708)).toBeLessThan(3);
    expect(Math.abs(codes[0]!.location.topLeft.y - 308)).toBeLessThan(3);
  });

  it('takes the rectangle in CSS pixels of a HiDPI capture', () => {
    const hiDpi = resizeNearest(shot, 2560, 1600);
    const codes = decodeRegion(hiDpi, { x: 680, y: 280, width: 200, height: 200 }, { devicePixelRatio: 2 });
    expect(codes.map((c) => c.text)).toEqual([BITRIX_URI]);
    expect(Math.abs(codes[0]!.location.topLeft.x - 1416)).toBeLessThan(5);
  });

  it('reads a code only a few dozen pixels wide (enlarged before decoding)', () => {
    const uri = 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP';
    const page = paste(fakeScreenshot(640, 480, 2), encodeQr(uri, { module: 1, margin: 2, level: 'L' }), 300, 200);
    expect(decodeRegion(page, { x: 295, y: 195, width: 40, height: 40 }).map((c) => c.text)).toEqual([uri]);
  });

  it('reads a code cut tight by the rectangle (no quiet zone left)', () => {
    expect(decodeRegion(shot, { x: 708, y: 308, width: 138, height: 138 }).map((c) => c.text)).toEqual([BITRIX_URI]);
  });

  it('returns [] when the rectangle misses the code or holds only part of it', () => {
    expect(decodeRegion(shot, { x: 0, y: 0, width: 300, height: 300 })).toEqual([]);
    expect(decodeRegion(shot, { x: 700, y: 300, width: 80, height: 160 })).toEqual([]);
  });
});

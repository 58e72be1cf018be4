import { describe, expect, it } from 'vitest';
import { decodeAllQrCodes, QrImageError, type RgbaImage } from '../../../lib/qr';
import { BITRIX_URI, base32Secret, bitrixTotpUri } from './fixtures';
import { blank, fakeScreenshot, invert, noise, paste, resizeBilinear, resizeNearest, rotate } from './pictures';
import { encodeQr } from './qrencode';

/** Bitrix24's enrolment QR: error correction H drawn into 164×164 px (modules ≈ 2.4 px, uneven). */
function bitrixCanvas(uri = BITRIX_URI, smooth = false): RgbaImage {
  const modules = encodeQr(uri, { module: 1, margin: 0, level: 'H' });
  return smooth ? resizeBilinear(modules, 164, 164) : resizeNearest(modules, 164, 164);
}

/** The 164 px code on the white block the page shows it in. */
function bitrixBlock(uri = BITRIX_URI): RgbaImage {
  return paste(blank(184, 184), bitrixCanvas(uri), 10, 10);
}

function texts(image: RgbaImage, options?: Parameters<typeof decodeAllQrCodes>[1]): string[] {
  return decodeAllQrCodes(image, options).map((c) => c.text);
}

describe('decodeAllQrCodes in realistic pictures', () => {
  it('reads Bitrix24’s 164 px canvas, drawn with hard or smoothed module edges', () => {
    expect(texts(bitrixCanvas())).toEqual([BITRIX_URI]);
    expect(texts(bitrixCanvas(BITRIX_URI, true))).toEqual([BITRIX_URI]);
    expect(texts(bitrixBlock())).toEqual([BITRIX_URI]);
  });

  it('finds the 164 px code in a 1920×1080 screenshot full of other content, and where it is', () => {
    const shot = paste(fakeScreenshot(1920, 1080, 7), bitrixBlock(), 1203, 411);
    const codes = decodeAllQrCodes(shot);
    expect(codes.map((c) => c.text)).toEqual([BITRIX_URI]);
    const { topLeft, bottomRight } = codes[0]!.location;
    expect(Math.abs(topLeft.x - 1213)).toBeLessThan(4);
    expect(Math.abs(topLeft.y - 421)).toBeLessThan(4);
    expect(Math.abs(bottomRight.x - 1377)).toBeLessThan(4);
    expect(Math.abs(bottomRight.y - 585)).toBeLessThan(4);
  });

  it('finds the code in a HiDPI capture (3840×2160 at device pixel ratio 2)', () => {
    const shot = paste(fakeScreenshot(1920, 1080, 11), bitrixBlock(), 300, 700);
    const hiDpi = resizeNearest(shot, 3840, 2160);
    const codes = decodeAllQrCodes(hiDpi, { devicePixelRatio: 2 });
    expect(codes.map((c) => c.text)).toEqual([BITRIX_URI]);
    expect(Math.abs(codes[0]!.location.topLeft.x - 620)).toBeLessThan(6);
    expect(Math.abs(codes[0]!.location.topLeft.y - 1420)).toBeLessThan(6);
  });

  it('reads a code the browser upscaled with blur (page zoomed to 200 %, and to 150 %)', () => {
    const canvas = bitrixCanvas();
    expect(texts(paste(blank(400, 400), resizeBilinear(canvas, 328, 328), 36, 36))).toEqual([BITRIX_URI]);
    expect(texts(paste(blank(300, 300), resizeBilinear(canvas, 246, 246), 27, 27))).toEqual([BITRIX_URI]);
  });

  // Zooming re-samples a code already drawn at an uneven 2.4 px a module: module widths get ragged.
  it.each([0.67, 0.8, 0.9, 1.1, 1.25, 1.75, 2.5, 3])(
    'reads the 164 px code at %f× page zoom, smoothed or not',
    (zoom) => {
      const size = Math.round(164 * zoom);
      for (const resize of [resizeBilinear, resizeNearest]) {
        const page = paste(blank(size + 40, size + 40), resize(bitrixCanvas(), size, size), 20, 20);
        expect(texts(page)).toEqual([BITRIX_URI]);
      }
    },
  );

  it('finds two codes in one picture, and two side by side', () => {
    const other = bitrixTotpUri('team.bitrix24.eu', 'ivan', base32Secret(9));
    const shot = fakeScreenshot(1920, 1080, 3);
    paste(shot, bitrixBlock(), 200, 300);
    paste(shot, encodeQr(other, { module: 4, margin: 4, level: 'M' }), 1200, 600);
    expect(texts(shot)).toEqual([BITRIX_URI, other]);

    const pair = blank(420, 200);
    paste(pair, bitrixBlock(), 0, 8);
    paste(pair, bitrixBlock(other), 200, 8);
    expect(texts(pair)).toEqual([BITRIX_URI, other]);
  });

  it('reports the same code shown twice at both places', () => {
    const pair = paste(paste(blank(400, 200), bitrixBlock(), 0, 0), bitrixBlock(), 210, 10);
    const codes = decodeAllQrCodes(pair);
    expect(codes.map((c) => c.text)).toEqual([BITRIX_URI, BITRIX_URI]);
    expect(codes[1]!.location.topLeft.x - codes[0]!.location.topLeft.x).toBeCloseTo(210, -1);
  });

  it('finds many codes, up to maxCodes', () => {
    const sheet = blank(900, 300);
    const uris = [0, 1, 2, 3].map((i) => bitrixTotpUri(`p${i}.bitrix24.com`, `u${i}`, base32Secret(100 + i)));
    uris.forEach((uri, i) => {
      paste(sheet, encodeQr(uri, { module: 2, margin: 4, level: 'M' }), i * 220, 40);
    });
    expect(texts(sheet)).toEqual(uris);
    expect(texts(sheet, { maxCodes: 2 })).toHaveLength(2);
  });

  it('reads a light-on-dark code (dark mode)', () => {
    expect(texts(invert(bitrixBlock()))).toEqual([BITRIX_URI]);
    const shot = paste(fakeScreenshot(1280, 720, 5), invert(bitrixBlock()), 500, 300);
    expect(texts(shot)).toEqual([BITRIX_URI]);
  });

  it.each([2, 4])('reads codes rotated by any angle (%i px a module)', (module) => {
    const code = encodeQr(BITRIX_URI, { module, margin: 4, level: 'H' });
    for (const degrees of [10, 30, 45, 90]) expect(texts(rotate(code, degrees))).toEqual([BITRIX_URI]);
  });

  it('reads a code drawn on a transparent canvas (modules only, no background)', () => {
    const image = encodeQr(BITRIX_URI, { module: 3, margin: 4, level: 'H' });
    for (let i = 0; i < image.data.length; i += 4) {
      if (image.data[i] === 255) image.data.set([0, 0, 0, 0], i);
    }
    expect(texts(image)).toEqual([BITRIX_URI]);
  });

  it('reads a code cut by the edge of the capture (no quiet zone on that side)', () => {
    const shot = paste(fakeScreenshot(800, 600, 8), bitrixCanvas(), 800 - 164, 100);
    expect(texts(shot)).toEqual([BITRIX_URI]);
  });
});

describe('decodeAllQrCodes without a code', () => {
  it('returns [] for pictures without codes', () => {
    expect(decodeAllQrCodes(blank(640, 480))).toEqual([]);
    expect(decodeAllQrCodes(blank(640, 480, 0))).toEqual([]);
    expect(decodeAllQrCodes(fakeScreenshot(1920, 1080, 13))).toEqual([]);
  });

  it('returns [] for random noise, quickly, in every mode', () => {
    for (const seed of [1, 2, 3]) {
      expect(decodeAllQrCodes(noise(400, 400, seed))).toEqual([]);
      expect(decodeAllQrCodes(noise(300, 200, seed, true))).toEqual([]);
    }
    expect(decodeAllQrCodes(noise(1920, 1080, 4))).toEqual([]);
    expect(decodeAllQrCodes(noise(200, 200, 5), { thorough: true })).toEqual([]);
  });

  it('returns [] for empty and tiny images', () => {
    expect(decodeAllQrCodes({ data: new Uint8ClampedArray(0), width: 0, height: 0 })).toEqual([]);
    expect(decodeAllQrCodes(blank(1, 1))).toEqual([]);
    expect(decodeAllQrCodes(blank(20, 3000))).toEqual([]);
  });

  it('returns [] when only part of a code is visible', () => {
    const half = encodeQr(BITRIX_URI, { module: 3, margin: 4, level: 'L' });
    const cut = paste(blank(half.width, half.height), half, 0, 0);
    cut.data.fill(255, (cut.height >> 1) * cut.width * 4);
    expect(decodeAllQrCodes(cut)).toEqual([]);
  });

  it('throws a typed error for malformed or oversized pixel data', () => {
    const codeOf = (run: () => unknown) => {
      try {
        run();
        return 'no error';
      } catch (error) {
        return error instanceof QrImageError ? error.code : String(error);
      }
    };
    expect(codeOf(() => decodeAllQrCodes({ data: new Uint8ClampedArray(10), width: 2, height: 2 }))).toBe('bad-image');
    expect(codeOf(() => decodeAllQrCodes({ data: new Uint8ClampedArray(16), width: 2.5, height: 2 }))).toBe(
      'bad-image',
    );
    expect(codeOf(() => decodeAllQrCodes({ data: new Uint8ClampedArray(4), width: -1, height: -1 }))).toBe('bad-image');
    const huge = { data: new Uint8ClampedArray(4), width: 10_000, height: 5_000 };
    Object.defineProperty(huge.data, 'length', { value: 10_000 * 5_000 * 4 });
    expect(codeOf(() => decodeAllQrCodes(huge))).toBe('image-too-large');
  });
});

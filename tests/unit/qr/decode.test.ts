import { describe, expect, it } from 'vitest';
import { decodeAllQrCodes, type DecodedQrCode } from '../../../lib/qr';
import { base32Secret, bitrixHotpUri, bitrixTotpUri } from './fixtures';
import { encodeQr, type Level, zbarimg } from './qrencode';

const LEVELS: Level[] = ['L', 'M', 'Q', 'H'];
const MODULES = [1, 2, 3, 4, 5, 6, 7, 8];

function uriFor(module: number, level: Level): string {
  const host = `portal${module}${level.toLowerCase()}.bitrix24.de`;
  return bitrixTotpUri(host, `user.${module}@example.org`, base32Secret(module * 10 + LEVELS.indexOf(level)));
}

/** The symbol's top-left corner is where qrencode put it, to within about a module. */
function expectTopLeftNear(code: DecodedQrCode, x: number, y: number, tolerance: number): void {
  expect(Math.abs(code.location.topLeft.x - x)).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(code.location.topLeft.y - y)).toBeLessThanOrEqual(tolerance);
}

describe('decodeAllQrCodes on qrencode images', () => {
  describe.each(LEVELS)('error correction %s', (level) => {
    it.each(MODULES)('reads a Bitrix24 enrolment link drawn at %i px a module', (module) => {
      const uri = uriFor(module, level);
      const image = encodeQr(uri, { module, margin: 4, level });
      const codes = decodeAllQrCodes(image);
      expect(codes.map((c) => c.text)).toEqual([uri]);
      expectTopLeftNear(codes[0]!, 4 * module, 4 * module, module + 2);
    });
  });

  it('reads codes from about 25 px: a short link at 1 px a module with no margin', () => {
    const uri = 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP';
    const image = encodeQr(uri, { module: 1, margin: 0, level: 'L' });
    expect(image.width).toBeLessThanOrEqual(29);
    expect(decodeAllQrCodes(image).map((c) => c.text)).toEqual([uri]);
  });

  it.each([1, 2, 3])(
    'reads a code drawn with no quiet zone (a canvas of exactly the code) at %i px a module',
    (module) => {
      const uri = bitrixHotpUri('intranet.example.com', 'admin', base32Secret(77));
      const image = encodeQr(uri, { module, margin: 0, level: 'H' });
      expect(decodeAllQrCodes(image).map((c) => c.text)).toEqual([uri]);
    },
  );

  it('agrees with ZBar, an independent decoder, on the same images', () => {
    for (const [module, level] of [
      [2, 'H'],
      [3, 'M'],
      [5, 'L'],
    ] as const) {
      const uri = uriFor(module, level);
      const image = encodeQr(uri, { module, margin: 4, level });
      expect(zbarimg(image)).toEqual([uri]);
      expect(decodeAllQrCodes(image).map((c) => c.text)).toEqual(zbarimg(image));
    }
  });

  it('keeps non-ASCII text intact', () => {
    const uri = bitrixTotpUri('портал.example.ru', 'Анна', base32Secret(5));
    const text = decodeURIComponent(uri);
    expect(decodeAllQrCodes(encodeQr(text, { module: 3, margin: 4, level: 'M' })).map((c) => c.text)).toEqual([text]);
  });
});

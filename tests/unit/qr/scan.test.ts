import { describe, expect, it } from 'vitest';
import { createAccount } from '../../../lib/account';
import { formatMigrationUri } from '../../../lib/otp';
import { scanImage, scanRegion } from '../../../lib/qr';
import { BITRIX_URI, base32Secret, bitrixCode } from './fixtures';
import { blank, fakeScreenshot, paste } from './pictures';
import { encodeQr } from './qrencode';

describe('scanImage', () => {
  it('decodes and classifies every distinct code, the same text once, in reading order', () => {
    const page = fakeScreenshot(1280, 720, 4);
    paste(page, bitrixCode(), 100, 100);
    paste(page, encodeQr('https://example.com/help', { module: 3, margin: 4, level: 'M' }), 700, 120);
    paste(page, encodeQr(BITRIX_URI, { module: 3, margin: 4, level: 'Q' }), 400, 450);
    const results = scanImage(page);
    expect(results.map((r) => [r.text, r.payload.kind])).toEqual([
      [BITRIX_URI, 'account'],
      ['https://example.com/help', 'not-otp'],
    ]);
    expect(results[0]!.location.topLeft.x).toBeCloseTo(108, -1);
  });

  it('recognises the Bitrix24 mobile app’s sign-in QR', () => {
    const image = encodeQr('bitrix24://qr-auth/?token=9f8e7d6c', { module: 4, margin: 4, level: 'M' });
    expect(scanImage(image).map((r) => r.payload.kind)).toEqual(['bitrix24-app']);
  });

  it('reads a Google Authenticator export QR into its accounts', () => {
    const accounts = [1, 2, 3].map((i) =>
      createAccount({ secret: base32Secret(i), issuer: `p${i}.bitrix24.com`, label: `user${i}` }),
    );
    const [result] = scanImage(encodeQr(formatMigrationUri(accounts), { module: 3, margin: 4, level: 'M' }));
    expect(result?.payload).toEqual({ kind: 'accounts', accounts });
  });

  it('returns [] for a page without codes', () => {
    expect(scanImage(blank(300, 200))).toEqual([]);
  });
});

describe('scanRegion', () => {
  it('decodes and classifies the codes in a dragged rectangle', () => {
    const page = paste(fakeScreenshot(800, 600, 6), bitrixCode(), 300, 200);
    const results = scanRegion(page, { x: 145, y: 95, width: 90, height: 90 }, { devicePixelRatio: 2 });
    expect(results.map((r) => r.payload.kind)).toEqual(['account']);
  });
});

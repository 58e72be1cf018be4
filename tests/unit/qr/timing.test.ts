import { describe, expect, it } from 'vitest';
import { decodeAllQrCodes, type DecodeOptions, type RgbaImage } from '../../../lib/qr';
import { BITRIX_URI } from './fixtures';
import { blank, fakeScreenshot, paste, resizeNearest } from './pictures';
import { encodeQr } from './qrencode';

/**
 * Timings for the record, logged rather than asserted: they depend on the machine and its load.
 * Budgets: ≤ 30 ms for Bitrix24's 164 px code taken from the page, ≤ 250 ms for a 1920×1080 capture.
 */
const RUNS = 5;
/** The first calls run unoptimised JavaScript (a cold first scan in the extension is several times slower). */
const WARM_UP = 2;

function medianMs(image: RgbaImage, options?: DecodeOptions, runs = RUNS): { ms: number; texts: string[] } {
  let texts: string[] = [];
  for (let i = 0; i < WARM_UP; i++) texts = decodeAllQrCodes(image, options).map((c) => c.text);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    texts = decodeAllQrCodes(image, options).map((c) => c.text);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(runs / 2)]!, texts };
}

describe('decode timings (logged)', () => {
  it('measures the page code, a full-tab capture and a HiDPI capture', { timeout: 60_000 }, () => {
    const canvas = resizeNearest(encodeQr(BITRIX_URI, { module: 1, margin: 0, level: 'H' }), 164, 164);
    const block = paste(blank(184, 184), canvas, 10, 10);
    const shot = paste(fakeScreenshot(1920, 1080, 7), block, 1203, 411);
    const empty = fakeScreenshot(1920, 1080, 7);
    const hiDpi = resizeNearest(shot, 3840, 2160);
    const cases: [string, RgbaImage, DecodeOptions | undefined, number][] = [
      ['164 px code from the page (canvas pixels)', canvas, undefined, RUNS],
      ['1920×1080 capture at DPR 1 with a 164 px code', shot, undefined, RUNS],
      ['1920×1080 capture without a code', empty, undefined, RUNS],
      ['3840×2160 capture at DPR 2, devicePixelRatio: 2', hiDpi, { devicePixelRatio: 2 }, RUNS],
      ['3840×2160 capture at DPR 2, no ratio given', hiDpi, undefined, 1],
    ];
    const lines: string[] = [];
    for (const [name, image, options, runs] of cases) {
      const { ms, texts } = medianMs(image, options, runs);
      expect(texts).toEqual(image === empty ? [] : [BITRIX_URI]);
      lines.push(`${name}: ${ms.toFixed(1)} ms (median of ${runs})`);
    }
    console.log(`QR decode timings:\n  ${lines.join('\n  ')}`);
  });
});

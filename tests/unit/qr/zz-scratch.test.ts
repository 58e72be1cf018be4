import { it } from 'vitest';
import jsQR from 'jsqr';
import { greyscale } from '../../../lib/qr/greyscale';
import { binarize } from '../../../lib/qr/binarize';
import { findFinderPatterns } from '../../../lib/qr/finder-patterns';
import { codeCandidates } from '../../../lib/qr/code-candidates';
import { BITRIX_URI } from './fixtures';
import { blank, paste, resizeBilinear, resizeNearest } from './pictures';
import { encodeQr } from './qrencode';
it('s', () => {
  const canvas = resizeNearest(encodeQr(BITRIX_URI, { module: 1, margin: 0, level: 'H' }), 164, 164);
  for (const z of [0.75, 0.8, 0.9, 1, 1.1, 1.75, 2.5]) {
    const size = Math.round(164 * z);
    const img = paste(blank(size + 20, size + 20), resizeNearest(canvas, size, size), 10, 10);
    const g = greyscale(img); const f = findFinderPatterns(binarize(g), g.width, g.height);
    const c = codeCandidates(f);
    const raw = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' });
    const big = resizeNearest(img, img.width * 2, img.height * 2);
    const raw2 = jsQR(big.data, big.width, big.height, { inversionAttempts: 'dontInvert' });
    const bigb = resizeBilinear(img, img.width * 2, img.height * 2);
    const raw3 = jsQR(bigb.data, bigb.width, bigb.height, { inversionAttempts: 'dontInvert' });
    console.log('S', z, f.length, c.length, c[0]?.moduleSize.toFixed(2), 'jsqr', !!raw, '2x', !!raw2, '2xbil', !!raw3);
  }
}, 120000);

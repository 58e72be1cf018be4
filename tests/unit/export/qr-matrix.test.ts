import { describe, expect, it } from 'vitest';
import { Secret } from 'otpauth';
import { createAccount } from '@/lib/account';
import { exportMigrationUris } from '@/lib/export';
import { qrMatrix, type QrMatrix } from '@/lib/export/qr-matrix';
import type { RgbaImage } from '@/lib/qr';
import { zbarimg } from '../qr/qrencode';

/** The matrix as a picture: `scale` pixels a module, a 4-module white margin. */
function draw({ size, dark }: QrMatrix, scale = 3): RgbaImage {
  const side = (size + 8) * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  dark.forEach((row, y) => {
    row.forEach((on, x) => {
      if (!on) return;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const at = (((y + 4) * scale + dy) * side + (x + 4) * scale + dx) * 4;
          data[at] = data[at + 1] = data[at + 2] = 0;
        }
      }
    });
  });
  return { data, width: side, height: side };
}

describe('qrMatrix', () => {
  it('draws Google Authenticator transfer links that an independent reader (ZBar) reads back exactly', () => {
    const accounts = Array.from({ length: 25 }, (_, i) =>
      createAccount({
        type: 'totp',
        secret: new Secret({ size: 20 }).base32,
        issuer: `Portal ${i}`,
        label: `user${i}@example.com`,
      }),
    );
    const { uris } = exportMigrationUris(accounts);
    expect(uris.length).toBeGreaterThan(1);
    for (const uri of uris) expect(zbarimg(draw(qrMatrix(uri)))).toEqual([uri]);
  });

  it('is square, grows with the text, and refuses what no QR code can hold', () => {
    const small = qrMatrix('otpauth-migration://offline?data=AA');
    expect(small.dark).toHaveLength(small.size);
    expect(small.dark.every((row) => row.length === small.size)).toBe(true);
    expect(qrMatrix('x'.repeat(1000)).size).toBeGreaterThan(small.size);
    expect(() => qrMatrix('x'.repeat(3000))).toThrow();
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { RgbaImage } from '../../../lib/qr';

/**
 * QR images from independent tools: libqrencode's `qrencode` CLI draws them and ZBar's `zbarimg`
 * reads them back, so neither the encoder nor the cross-check is the code under test.
 */

export type Level = 'L' | 'M' | 'Q' | 'H';

let qrencodeChecked = false;

/** Throws (so the test fails, never skips) when the encoder is missing. */
export function requireQrencode(): void {
  if (qrencodeChecked) return;
  const probe = spawnSync('qrencode', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error('qrencode is not installed, and these tests must not be skipped: run `apt-get install qrencode`.');
  }
  qrencodeChecked = true;
}

export function requireZbarimg(): void {
  const probe = spawnSync('zbarimg', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error('zbarimg is not installed, and these tests must not be skipped: run `apt-get install zbar-tools`.');
  }
}

export interface EncodeOptions {
  /** Pixels a module. */
  module: number;
  /** Quiet zone in modules. */
  margin: number;
  level: Level;
}

/** The PNG `qrencode` draws for `text` (passed as an argument, never through a shell). */
export function qrencodePng(text: string, options: EncodeOptions): Buffer {
  requireQrencode();
  return execFileSync('qrencode', [
    '-o',
    '-',
    '-t',
    'PNG',
    '-s',
    String(options.module),
    '-m',
    String(options.margin),
    '-l',
    options.level,
    '--',
    text,
  ]);
}

export function encodeQr(text: string, options: EncodeOptions): RgbaImage {
  return readPng(qrencodePng(text, options));
}

export function readPng(png: Buffer): RgbaImage {
  const decoded = PNG.sync.read(png);
  return { data: new Uint8ClampedArray(decoded.data), width: decoded.width, height: decoded.height };
}

export function writePng(image: RgbaImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data);
  return PNG.sync.write(png);
}

/**
 * What ZBar reads from `image` as QR codes, one text a code. Only its QR reader is on: its 1D
 * readers now and then see a bar code in a QR code's modules (CI once read "0135616022507487").
 */
export function zbarimg(image: RgbaImage): string[] {
  requireZbarimg();
  const dir = mkdtempSync(join(tmpdir(), 'qr-test-'));
  try {
    const file = join(dir, 'code.png');
    writeFileSync(file, writePng(image));
    const result = spawnSync('zbarimg', ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', file], { encoding: 'utf8' });
    return result.stdout.split('\n').filter((line) => line !== '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

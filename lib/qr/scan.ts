import { classifyQrPayload, type QrPayload } from './classify';
import { decodeAllQrCodes, type DecodeOptions } from './decode-all';
import { decodeRegion, type RegionOptions } from './region';
import type { DecodedQrCode, QrLocation, Rect, RgbaImage } from './types';

export interface ScanResult {
  /** The decoded text; empty for a Bitrix24 app or Microsoft Authenticator sign-in link, which must not travel further. */
  text: string;
  location: QrLocation;
  payload: QrPayload;
}

/**
 * Every distinct QR code in `image`, decoded and classified, in reading order. A code shown twice
 * (the same text) is reported once, at its first place.
 */
export function scanImage(image: RgbaImage, options?: DecodeOptions): ScanResult[] {
  return classifyDistinct(decodeAllQrCodes(image, options));
}

/** `scanImage` for a rectangle the user drew (see `decodeRegion`). */
export function scanRegion(image: RgbaImage, rect: Rect, options?: RegionOptions): ScanResult[] {
  return classifyDistinct(decodeRegion(image, rect, options));
}

function classifyDistinct(codes: readonly DecodedQrCode[]): ScanResult[] {
  const seen = new Set<string>();
  const results: ScanResult[] = [];
  for (const code of codes) {
    if (seen.has(code.text)) continue;
    seen.add(code.text);
    const payload = classifyQrPayload(code.text);
    // The app links sign a phone in (Bitrix24's for ten minutes; Microsoft's activation code until
    // redeemed): nothing of them is kept, not even in a result.
    const secretLink = payload.kind === 'bitrix24-app' || payload.kind === 'microsoft-authenticator';
    results.push({ text: secretLink ? '' : code.text, location: code.location, payload });
  }
  return results;
}

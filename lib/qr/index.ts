/**
 * Reading QR codes from pixels: a page's own images and canvases, or a capture of the visible tab.
 * Pure functions of RGBA pixels (no DOM, no extension APIs), so they run in a service worker, an
 * extension page and tests alike; getting the pixels is the caller's business.
 */
export type { RgbaImage, Point, Rect, QrLocation, DecodedQrCode } from './types';
export { QrImageError, type QrImageErrorCode } from './errors';
export { decodeAllQrCodes, DEFAULT_MAX_CODES, type DecodeOptions } from './decode-all';
export { decodeRegion, cropImage, regionInImage, type RegionOptions } from './region';
export {
  classifyQrPayload,
  BITRIX24_APP_MESSAGE,
  MICROSOFT_AUTHENTICATOR_MESSAGE,
  MAX_SHOWN_TEXT,
  type QrPayload,
  type QrPayloadErrorCode,
} from './classify';
export { isBitrix24AppLink } from './bitrix24-app-link';
export { isMicrosoftAuthenticatorLink } from './microsoft-authenticator-link';
export { scanImage, scanRegion, type ScanResult } from './scan';
export { MAX_IMAGE_PIXELS } from './image-checks';
export { toScanFinding, type ScanFinding } from './finding';

/**
 * Pixels as `ImageData` carries them: RGBA, 4 bytes a pixel, rows top to bottom. A plain shape, not
 * the DOM class, so the same code runs in a service worker (OffscreenCanvas), a page and Node.
 */
export interface RgbaImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** An axis-aligned rectangle; in image pixels unless a function says otherwise. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The four corners of a code's symbol (without its quiet zone), in the scanned image's pixels. */
export interface QrLocation {
  topLeft: Point;
  topRight: Point;
  bottomRight: Point;
  bottomLeft: Point;
}

export interface DecodedQrCode {
  text: string;
  location: QrLocation;
}

import type { Crop } from './crop';
import { decodeWithJsqr } from './jsqr-decode';
import { fillConvex, growQuad, insideConvex, quadCorners } from './quad';
import type { DecodedQrCode, Point, QrLocation } from './types';

/** Codes found so far in one scan: what each later attempt must blank out and not report again. */
export interface Found {
  code: DecodedQrCode;
  /** The symbol grown a little, so its own finder patterns and edge pixels count as inside it. */
  area: Point[];
}

/** Blanks codes already found, decodes, maps the location back to image pixels. */
export function decodeCrop(crop: Crop, found: readonly Found[]): DecodedQrCode | null {
  for (const f of found) {
    fillConvex(crop.grey.data, crop.grey.width, crop.grey.height, f.area.map(crop.toCrop), 255);
  }
  const code = decodeWithJsqr(crop.grey);
  if (!code) return null;
  const l = code.location;
  return {
    text: code.text,
    location: {
      topLeft: crop.toImage(l.topLeft),
      topRight: crop.toImage(l.topRight),
      bottomRight: crop.toImage(l.bottomRight),
      bottomLeft: crop.toImage(l.bottomLeft),
    },
  };
}

/** Adds `code` unless it is one already found (same place); true when added. */
export function record(found: Found[], code: DecodedQrCode): boolean {
  const centre = centreOf(code.location);
  if (isInFound(found, centre)) return false;
  found.push({ code, area: growQuad(quadCorners(code.location), 0.08, 2) });
  return true;
}

function centreOf(location: QrLocation): Point {
  const corners = quadCorners(location);
  return { x: corners.reduce((s, p) => s + p.x, 0) / 4, y: corners.reduce((s, p) => s + p.y, 0) / 4 };
}

/** Top to bottom, and left to right among codes side by side (centres within half a code's height). */
export function readingOrder(a: DecodedQrCode, b: DecodedQrCode): number {
  const ca = centreOf(a.location);
  const cb = centreOf(b.location);
  const height = Math.min(heightOf(a.location), heightOf(b.location));
  return Math.abs(ca.y - cb.y) > height / 2 ? ca.y - cb.y : ca.x - cb.x;
}

function heightOf(location: QrLocation): number {
  const ys = quadCorners(location).map((p) => p.y);
  return Math.max(...ys) - Math.min(...ys);
}

export function isInFound(found: readonly Found[], p: Point): boolean {
  return found.some((f) => insideConvex(f.area, p));
}

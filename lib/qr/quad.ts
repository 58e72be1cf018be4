import type { Point, QrLocation } from './types';

export function quadCorners(location: QrLocation): [Point, Point, Point, Point] {
  return [location.topLeft, location.topRight, location.bottomRight, location.bottomLeft];
}

/** The quadrilateral grown outward from its centre by `fraction` of its size plus `pixels`. */
export function growQuad(corners: readonly Point[], fraction: number, pixels: number): Point[] {
  const cx = corners.reduce((s, p) => s + p.x, 0) / corners.length;
  const cy = corners.reduce((s, p) => s + p.y, 0) / corners.length;
  return corners.map((p) => {
    const dx = p.x - cx;
    const dy = p.y - cy;
    const length = Math.hypot(dx, dy) || 1;
    const grow = 1 + fraction + pixels / length;
    return { x: cx + dx * grow, y: cy + dy * grow };
  });
}

/** True when `p` is inside the convex polygon `corners` (either winding). */
export function insideConvex(corners: readonly Point[], p: Point): boolean {
  let sign = 0;
  for (let i = 0; i < corners.length; i++) {
    const a = corners[i]!;
    const b = corners[(i + 1) % corners.length]!;
    const cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
    if (cross === 0) continue;
    const s = Math.sign(cross);
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return true;
}

/** Paints the convex polygon `corners` with `value` in a one-byte-a-pixel buffer. */
export function fillConvex(
  data: Uint8Array,
  width: number,
  height: number,
  corners: readonly Point[],
  value: number,
): void {
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(...ys)));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      if (insideConvex(corners, { x: x + 0.5, y: y + 0.5 })) data[y * width + x] = value;
    }
  }
}

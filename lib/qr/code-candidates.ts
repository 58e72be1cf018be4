import type { FinderPattern } from './finder-patterns';
import type { Point } from './types';

/** Three finder patterns that could be the corners of one code, and the area that code would cover. */
export interface CodeCandidate {
  finders: readonly [FinderPattern, FinderPattern, FinderPattern];
  moduleSize: number;
  inverted: boolean;
  /** The symbol's estimated corners, in order around it starting at the corner finder, in image pixels. */
  corners: readonly [Point, Point, Point, Point];
  centre: Point;
  /** Unit vectors along the symbol's sides, ordered so that [u v] does not mirror. */
  u: Point;
  v: Point;
  /** Distances from the corner finder (`finders[0]`) to the finder along `u` and along `v`. */
  legU: number;
  legV: number;
  /** Half the symbol's side, in image pixels. */
  halfSide: number;
  /** Degrees from upright (0–45). */
  tilt: number;
  /** Lower is a more convincing right isosceles triangle. */
  score: number;
}

/** Finder centres are 14 modules apart in a version-1 code and 170 in a version-40 one. */
const MIN_SPAN_MODULES = 12;
const MAX_SPAN_MODULES = 180;
/** Finder sizes in one code agree; allow for blur and rounding on small codes. */
const MAX_MODULE_RATIO = 1.6;
/** Both legs from the corner finder are equally long in a square code. */
const MAX_LEG_RATIO = 1.25;
/** |cos| of the corner angle; 0.26 allows about 15° off square. */
const MAX_CORNER_COS = 0.26;
/** The centre of a finder pattern is 3.5 modules in from the symbol's edges. */
const FINDER_CENTRE_INSET = 3.5;

/**
 * Every triple of same-polarity finder patterns shaped like a QR code's corners, best first.
 * Patterns on text or pictures rarely line up this way, so the list is short on real pages.
 */
export function codeCandidates(patterns: readonly FinderPattern[]): CodeCandidate[] {
  const candidates: CodeCandidate[] = [];
  for (const corner of patterns) {
    const legs = patterns.filter((p) => p !== corner && couldShareCode(corner, p));
    for (let i = 0; i < legs.length; i++) {
      for (let j = i + 1; j < legs.length; j++) {
        const candidate = asCandidate(corner, legs[i]!, legs[j]!);
        if (candidate) candidates.push(candidate);
      }
    }
  }
  return candidates.sort((a, b) => a.score - b.score);
}

export function couldShareCode(a: FinderPattern, b: FinderPattern): boolean {
  if (a.inverted !== b.inverted) return false;
  const ratio = Math.max(a.moduleSize, b.moduleSize) / Math.min(a.moduleSize, b.moduleSize);
  if (ratio > MAX_MODULE_RATIO) return false;
  const span = Math.hypot(b.x - a.x, b.y - a.y) / ((a.moduleSize + b.moduleSize) / 2);
  return span >= MIN_SPAN_MODULES && span <= MAX_SPAN_MODULES;
}

function asCandidate(corner: FinderPattern, b: FinderPattern, c: FinderPattern): CodeCandidate | null {
  const sizes = [corner.moduleSize, b.moduleSize, c.moduleSize];
  const sizeRatio = Math.max(...sizes) / Math.min(...sizes);
  if (sizeRatio > MAX_MODULE_RATIO) return null;
  const ab = { x: b.x - corner.x, y: b.y - corner.y };
  const ac = { x: c.x - corner.x, y: c.y - corner.y };
  const lengthB = Math.hypot(ab.x, ab.y);
  const lengthC = Math.hypot(ac.x, ac.y);
  const legRatio = Math.max(lengthB, lengthC) / Math.min(lengthB, lengthC);
  if (legRatio > MAX_LEG_RATIO) return null;
  const cos = (ab.x * ac.x + ab.y * ac.y) / (lengthB * lengthC);
  if (Math.abs(cos) > MAX_CORNER_COS) return null;

  const angle = Math.atan2(ab.y, ab.x);
  // Finder sizes are measured across rows and columns, which cut a tilted square on the long side.
  const moduleSize =
    ((sizes[0]! + sizes[1]! + sizes[2]!) / 3) * Math.max(Math.abs(Math.cos(angle)), Math.abs(Math.sin(angle)));
  // One module along each leg, to step from finder centres out to the symbol's edges.
  const stepB = scale(ab, moduleSize / lengthB);
  const stepC = scale(ac, moduleSize / lengthC);
  const inset = FINDER_CENTRE_INSET;
  const far = { x: b.x + c.x - corner.x, y: b.y + c.y - corner.y };
  const corners = [
    offset(corner, stepB, stepC, -inset, -inset),
    offset(b, stepB, stepC, inset, -inset),
    offset(far, stepB, stepC, inset, inset),
    offset(c, stepB, stepC, -inset, inset),
  ] as const;
  const unitB = scale(ab, 1 / lengthB);
  const unitC = scale(ac, 1 / lengthC);
  const mirrored = unitB.x * unitC.y - unitB.y * unitC.x < 0;
  const degrees = ((((angle * 180) / Math.PI) % 90) + 90) % 90;
  return {
    finders: [corner, b, c],
    moduleSize,
    inverted: corner.inverted,
    corners,
    centre: { x: (b.x + c.x) / 2, y: (b.y + c.y) / 2 },
    u: mirrored ? unitC : unitB,
    v: mirrored ? unitB : unitC,
    legU: mirrored ? lengthC : lengthB,
    legV: mirrored ? lengthB : lengthC,
    halfSide: (lengthB + lengthC) / 4 + inset * moduleSize,
    tilt: Math.min(degrees, 90 - degrees),
    score: legRatio - 1 + Math.abs(cos) + (sizeRatio - 1) / 2 - Math.min(corner.hits, b.hits, c.hits) / 1000,
  };
}

function scale(p: Point, factor: number): Point {
  return { x: p.x * factor, y: p.y * factor };
}

function offset(p: Point, u: Point, v: Point, alongU: number, alongV: number): Point {
  return { x: p.x + u.x * alongU + v.x * alongV, y: p.y + u.y * alongU + v.y * alongV };
}

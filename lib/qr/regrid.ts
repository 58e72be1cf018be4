import type { CodeCandidate } from './code-candidates';
import { sampleBilinear, type Crop } from './crop';
import type { GreyImage } from './greyscale';
import type { Point } from './types';

/**
 * Redraws an upright candidate code on a perfectly regular grid, reading where its module
 * boundaries really are from its timing patterns.
 *
 * Why: a code drawn at a fractional module size with hard edges (2.4 px a module for Bitrix24's
 * 164 px code) and then scaled again by the browser (page zoom, CSS size) ends up with uneven module
 * widths. jsQR samples on one evenly spaced grid fitted to the finder patterns, so the error piles
 * up across the code and decoding fails, though every module is still plainly visible. Resampling
 * (nearest or bilinear) is separable, so every column keeps the width its cell has in the timing
 * row, and every row the height its cell has in the timing column. This only locates and samples
 * modules; jsQR still does all of the decoding (format, masking, error correction).
 */

/** Pixels a module and quiet-zone modules of the redrawn code. */
const OUT_MODULE_PX = 3;
const OUT_QUIET_MODULES = 4;
/** Samples a pixel along the timing lines, for sub-pixel boundaries. */
const STEPS_PER_PX = 2;
/** How far (in modules) the timing lines start before the corner finder's centre. */
const LEAD_MODULES = 6;

export function regrid(grey: GreyImage, candidate: CodeCandidate): Crop | null {
  const corner = candidate.finders[0];
  const m = candidate.moduleSize;
  const { u, v } = candidate;
  const along = moduleBoundaries(grey, corner, u, v, candidate.legU, m, candidate.inverted);
  const down = moduleBoundaries(grey, corner, v, u, candidate.legV, m, candidate.inverted);
  if (!along || !down || along.edges.length !== down.edges.length) return null;
  const dimension = along.edges.length - 1;
  const threshold = (along.threshold + down.threshold) / 2;
  const size = (dimension + 2 * OUT_QUIET_MODULES) * OUT_MODULE_PX;
  const data = new Uint8Array(size * size).fill(255);
  // Module (i, j) in image pixels; `edges` are distances along each axis from LEAD before the corner.
  const lead = LEAD_MODULES * m;
  const toImage = (i: number, j: number): Point => {
    const a = interpolate(along.edges, i) - lead;
    const b = interpolate(down.edges, j) - lead;
    return { x: corner.x + a * u.x + b * v.x, y: corner.y + a * u.y + b * v.y };
  };
  for (let j = 0; j < dimension; j++) {
    for (let i = 0; i < dimension; i++) {
      const p = toImage(i + 0.5, j + 0.5);
      const value = sampleBilinear(grey, p.x, p.y);
      const dark = candidate.inverted ? value > threshold : value < threshold;
      if (dark) paintModule(data, size, i + OUT_QUIET_MODULES, j + OUT_QUIET_MODULES);
    }
  }
  const toModules = (p: number) => p / OUT_MODULE_PX - OUT_QUIET_MODULES;
  const det = u.x * v.y - v.x * u.y;
  return {
    grey: { data, width: size, height: size },
    toImage: (p) => toImage(toModules(p.x), toModules(p.y)),
    toCrop: (p) => {
      const dx = p.x - corner.x;
      const dy = p.y - corner.y;
      const a = (dx * v.y - dy * v.x) / det + lead;
      const b = (dy * u.x - dx * u.y) / det + lead;
      return {
        x: (invert(along.edges, a) + OUT_QUIET_MODULES) * OUT_MODULE_PX,
        y: (invert(down.edges, b) + OUT_QUIET_MODULES) * OUT_MODULE_PX,
      };
    },
  };
}

interface Boundaries {
  /** Module boundaries 0…dimension, as distances along the axis from LEAD modules before the corner finder. */
  edges: number[];
  /** Brightness halfway between the code's dark and light. */
  threshold: number;
}

/**
 * Where the module boundaries lie along `axis`, read from two lines parallel to it: the timing
 * line (module row or column 6, three modules in from the finder centres, `across` being the
 * other axis) gives every boundary between the two finders it joins; the line through both finder
 * centres gives the boundaries inside each finder (its 1:1:3:1:1 rings).
 */
function moduleBoundaries(
  grey: GreyImage,
  corner: Point,
  axis: Point,
  across: Point,
  leg: number,
  m: number,
  inverted: boolean,
): Boundaries | null {
  const lead = LEAD_MODULES * m;
  const timing = sampleLine(grey, offset(corner, across, 3 * m), axis, lead + leg + lead, lead, inverted);
  const centres = sampleLine(grey, corner, axis, lead + leg + lead, lead, inverted);
  if (!timing || !centres) return null;

  // Row 6 is solid dark across each finder; between them it alternates one module at a time.
  const runs = timing.runs;
  const first = runs.findIndex((r) => r.dark && r.from <= lead && r.to >= lead);
  const last = runs.findIndex((r) => r.dark && r.from <= lead + leg && r.to >= lead + leg);
  if (first === -1 || last <= first) return null;
  const middle = runs.slice(first + 1, last);
  // Light, dark, …, light: an odd number of one-module runs, at least the 7 of a version-1 code.
  if (middle.length < 7 || middle.length % 2 === 0) return null;
  const dimension = middle.length + 14;
  if ((dimension - 17) % 4 !== 0 || dimension > 177) return null;
  const start = runs[first]!.to;
  const end = runs[last]!.from;
  const pitch = (end - start) / middle.length;
  if (middle.some((r) => r.to - r.from < 0.4 * pitch || r.to - r.from > 1.8 * pitch)) return null;

  const near = finderRings(centres.runs, lead, pitch);
  const far = finderRings(centres.runs, lead + leg, pitch);
  if (!near || !far) return null;
  const edges = [...near.slice(0, 7), start];
  for (const run of middle.slice(0, -1)) edges.push(run.to);
  edges.push(end, ...far.slice(1));
  // Boundaries must increase; a misread ring would fold the grid.
  if (edges.some((e, i) => i > 0 && e <= edges[i - 1]!)) return null;
  return { edges, threshold: timing.threshold };
}

/**
 * The 8 boundaries of the 7 modules of the finder whose centre lies at `centre` on a line
 * through it: outer ring, light ring, 3-module centre, light ring, outer ring. An outer ring
 * that runs into dark surroundings (no quiet zone) is cut to one `pitch`.
 */
function finderRings(runs: readonly Run[], centre: number, pitch: number): number[] | null {
  const k = runs.findIndex((r) => r.dark && r.from <= centre && r.to >= centre);
  if (k < 2 || k + 2 >= runs.length) return null;
  const [outerBefore, lightBefore, middle, lightAfter, outerAfter] = runs.slice(k - 2, k + 3) as [
    Run,
    Run,
    Run,
    Run,
    Run,
  ];
  const widthOf = (r: Run) => r.to - r.from;
  const b0 = widthOf(outerBefore) > 1.8 * pitch ? outerBefore.to - pitch : outerBefore.from;
  const b7 = widthOf(outerAfter) > 1.8 * pitch ? outerAfter.from + pitch : outerAfter.to;
  const third = widthOf(middle) / 3;
  return [
    b0,
    lightBefore.from,
    middle.from,
    middle.from + third,
    middle.from + 2 * third,
    middle.to,
    lightAfter.to,
    b7,
  ];
}

interface Run {
  dark: boolean;
  from: number;
  to: number;
}

interface Line {
  runs: Run[];
  threshold: number;
}

/**
 * Brightness along a line of `length` pixels starting `lead` pixels before `through`, cut into
 * dark and light runs at the level halfway between its darkest and lightest samples. Positions
 * are distances from the line's start, with boundaries interpolated to a fraction of a pixel.
 */
function sampleLine(
  grey: GreyImage,
  through: Point,
  axis: Point,
  length: number,
  lead: number,
  inverted: boolean,
): Line | null {
  const count = Math.ceil(length * STEPS_PER_PX);
  const values = new Float32Array(count);
  let min = 255;
  let max = 0;
  for (let k = 0; k < count; k++) {
    const t = k / STEPS_PER_PX - lead;
    const raw = sampleBilinear(grey, through.x + t * axis.x, through.y + t * axis.y);
    const value = inverted ? 255 - raw : raw;
    values[k] = value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (max - min < 32) return null;
  const threshold = (min + max) / 2;
  const runs: Run[] = [];
  let dark = values[0]! < threshold;
  let from = 0;
  for (let k = 1; k < count; k++) {
    const isDark = values[k]! < threshold;
    if (isDark === dark) continue;
    const a = values[k - 1]!;
    const at = (k - 1 + (threshold - a) / (values[k]! - a)) / STEPS_PER_PX;
    runs.push({ dark, from, to: at });
    dark = isDark;
    from = at;
  }
  runs.push({ dark, from, to: (count - 1) / STEPS_PER_PX });
  return { runs, threshold: inverted ? 255 - threshold : threshold };
}

/** Position at fractional module index `i` along boundaries `edges` (linear beyond the ends). */
function interpolate(edges: readonly number[], i: number): number {
  const last = edges.length - 1;
  const k = Math.max(0, Math.min(last - 1, Math.floor(i)));
  return edges[k]! + (i - k) * (edges[k + 1]! - edges[k]!);
}

/** The fractional module index at position `t` (the inverse of `interpolate`). */
function invert(edges: readonly number[], t: number): number {
  const last = edges.length - 1;
  let k = 0;
  while (k < last - 1 && edges[k + 1]! < t) k++;
  return k + (t - edges[k]!) / (edges[k + 1]! - edges[k]!);
}

function paintModule(data: Uint8Array, size: number, column: number, row: number): void {
  for (let y = row * OUT_MODULE_PX; y < (row + 1) * OUT_MODULE_PX; y++) {
    data.fill(0, y * size + column * OUT_MODULE_PX, y * size + (column + 1) * OUT_MODULE_PX);
  }
}

function offset(p: Point, axis: Point, distance: number): Point {
  return { x: p.x + axis.x * distance, y: p.y + axis.y * distance };
}

import type { CodeCandidate } from './code-candidates';
import { cropGrey, warpGrey, type Box, type Crop } from './crop';
import type { FinderPattern } from './finder-patterns';
import type { GreySource } from './grey-source';
import { regrid } from './regrid';
import type { Point } from './types';

/**
 * How a likely code is cut out of the image and resampled for jsQR, whose success and speed both
 * depend on getting a few pixels a module and little else.
 */

/**
 * jsQR reads codes reliably from about 2 px a module, and its time grows with the pixel count, so
 * crops are resampled towards this module size: small codes enlarged, big ones shrunk.
 */
const TARGET_MODULE_PX = 3;
/** Quiet zone kept around a candidate's estimated symbol, in modules. */
export const MARGIN_MODULES = 2.5;
/** Longest side of a crop handed to jsQR; larger ones are shrunk to fit. */
export const MAX_DECODE_SIDE = 800;
/** Codes tilted more than this many degrees are turned upright before decoding. */
const MAX_UPRIGHT_TILT = 4;
/** Module sizes tried for a code turned upright: resampling blurs it, so it needs more pixels. */
const UPRIGHT_MODULE_PX = [4, 6];
/** Codes within this many degrees of upright can be redrawn from their timing patterns. */
const MAX_REGRID_TILT = 1.5;

/** The crops to try for a candidate, most promising first, each made only when asked for. */
export function candidateCrops(grey: GreySource, candidate: CodeCandidate): (() => Crop | null)[] {
  const box = boundingBox(candidate.corners, candidate.moduleSize * MARGIN_MODULES + 2);
  const upright =
    candidate.tilt > MAX_UPRIGHT_TILT
      ? UPRIGHT_MODULE_PX.map((modulePx) => () => uprightCrop(grey, candidate, box, modulePx))
      : [];
  const [first, ...others] = scalesFor(candidate.moduleSize, box);
  return [
    ...upright,
    () => cropArea(grey, box, first!, candidate.inverted),
    () => (candidate.tilt <= MAX_REGRID_TILT ? regridArea(grey, candidate, box) : null),
    ...others.map((scale) => () => cropArea(grey, box, scale, candidate.inverted)),
  ];
}

/** The candidate redrawn on the grid its timing patterns show (see regrid.ts). */
function regridArea(source: GreySource, candidate: CodeCandidate, box: Box): Crop | null {
  const { grey, offset } = source.area(box);
  const local = (f: FinderPattern) => ({ ...f, x: f.x - offset.x, y: f.y - offset.y });
  const [a, b, c] = candidate.finders;
  const crop = regrid(grey, { ...candidate, finders: [local(a), local(b), local(c)] });
  return crop && shifted(crop, offset);
}

export function cropArea(source: GreySource, box: Box, scale: number, invert: boolean): Crop {
  const { grey, offset } = source.area(box);
  const local = { x0: box.x0 - offset.x, y0: box.y0 - offset.y, x1: box.x1 - offset.x, y1: box.y1 - offset.y };
  return shifted(cropGrey(grey, local, scale, invert), offset);
}

/** The candidate's square turned upright, at about `modulePx` pixels a module. */
function uprightCrop(source: GreySource, candidate: CodeCandidate, box: Box, modulePx: number): Crop {
  const { grey, offset } = source.area(box);
  const halfSide = candidate.halfSide + candidate.moduleSize * MARGIN_MODULES + 2;
  const scale = Math.min(4, modulePx / candidate.moduleSize, MAX_DECODE_SIDE / (2 * halfSide));
  const centre = { x: candidate.centre.x - offset.x, y: candidate.centre.y - offset.y };
  return shifted(warpGrey(grey, centre, candidate.u, candidate.v, halfSide, scale, candidate.inverted), offset);
}

/** A crop of an area that starts at `offset` in the image, mapped to whole-image pixels. */
function shifted(crop: Crop, offset: Point): Crop {
  if (offset.x === 0 && offset.y === 0) return crop;
  return {
    grey: crop.grey,
    toImage: (p) => {
      const q = crop.toImage(p);
      return { x: q.x + offset.x, y: q.y + offset.y };
    },
    toCrop: (p) => crop.toCrop({ x: p.x - offset.x, y: p.y - offset.y }),
  };
}

export function boundingBox(points: readonly Point[], margin: number): Box {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return {
    x0: Math.min(...xs) - margin,
    y0: Math.min(...ys) - margin,
    x1: Math.max(...xs) + margin,
    y1: Math.max(...ys) + margin,
  };
}

/**
 * The resampling tried for a code of this module size, most promising first: towards
 * TARGET_MODULE_PX, and never beyond `maxSide`.
 */
export function scalesFor(moduleSize: number, box: Box, maxSide = MAX_DECODE_SIDE): number[] {
  const side = Math.max(box.x1 - box.x0, box.y1 - box.y0);
  const fits = (scale: number) => side * scale <= maxSide;
  let scales: number[];
  if (moduleSize < TARGET_MODULE_PX * 0.75) {
    scales = [Math.min(4, Math.max(2, Math.round(TARGET_MODULE_PX / moduleSize))), 1];
  } else if (moduleSize > TARGET_MODULE_PX * 2) {
    scales = [1 / Math.floor(moduleSize / TARGET_MODULE_PX), 1];
  } else {
    scales = [1, 2];
  }
  const fitting = scales.filter(fits);
  return fitting.length > 0 ? fitting : [1 / Math.ceil(side / maxSide)];
}

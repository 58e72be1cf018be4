import { binarize } from './binarize';
import { codeCandidates, couldShareCode, type CodeCandidate } from './code-candidates';
import { cropGrey, warpGrey, type Box, type Crop } from './crop';
import { findFinderPatterns, type FinderPattern } from './finder-patterns';
import { greySource, type GreySource } from './grey-source';
import { greyscale, greyscaleSampled, type GreyImage } from './greyscale';
import { decodeWithJsqr } from './jsqr-decode';
import { fillConvex, growQuad, insideConvex, quadCorners } from './quad';
import type { DecodedQrCode, Point, QrLocation, RgbaImage } from './types';

/** When jsQR also gets the whole image, after the guided pass. */
export type WholeImageSearch = 'always' | 'if-hinted' | 'never';

export interface FindOptions {
  maxCodes: number;
  /** 'if-hinted': only when nothing was decoded although finder patterns were seen. */
  wholeImage: WholeImageSearch;
  /** Look for finder patterns in a copy shrunk this many times (crops still use full resolution). */
  detectionShrink: number;
}

/**
 * jsQR reads codes reliably from about 2 px a module, and its time grows with the pixel count, so
 * crops are resampled towards this module size: small codes enlarged, big ones shrunk.
 */
const TARGET_MODULE_PX = 3;
/** Quiet zone kept around a candidate's estimated symbol, in modules. */
const MARGIN_MODULES = 2.5;
/** Codes tilted more than this many degrees are turned upright before decoding. */
const MAX_UPRIGHT_TILT = 4;
/** Module sizes tried for a code turned upright: resampling blurs it, so it needs more pixels. */
const UPRIGHT_MODULE_PX = [4, 6];
/** jsQR calls spent on candidates, whatever the page holds: bounds the time on busy screenshots. */
const MAX_ATTEMPTS = 16;
/** Of those, at most this many on pairs of finder patterns (a code whose third one was missed). */
const MAX_PAIR_ATTEMPTS = 4;
/**
 * A safety net, not the expected cost: jsQR can take a second on a large noisy crop, and a page
 * full of finder-like shapes could make many. No new attempt starts after this many milliseconds.
 */
const TIME_BUDGET_MS = 1500;
/** Longest side of a pair's search area handed to jsQR: pairs are guesses, so they get less. */
const MAX_PAIR_SIDE = 480;
/** Longest side of a crop or a whole image handed to jsQR; larger ones are shrunk to fit. */
const MAX_DECODE_SIDE = 800;
/** Below these sides, the whole-image pass enlarges the image 3× or 2×: tiny codes need a few pixels a module. */
const WHOLE_IMAGE_TRIPLE_BELOW = 120;
const WHOLE_IMAGE_DOUBLE_BELOW = 240;

interface Found {
  code: DecodedQrCode;
  /** The symbol grown a little, so its own finder patterns and edge pixels count as inside it. */
  area: Point[];
}

/** Every QR code in `image` (up to `maxCodes`), in reading order. */
export function findCodes(image: RgbaImage, options: FindOptions): DecodedQrCode[] {
  if (image.width === 0 || image.height === 0) return [];
  const found: Found[] = [];
  const deadline = Date.now() + TIME_BUDGET_MS;
  const inTime = () => Date.now() < deadline;
  const shrink = options.detectionShrink;
  const full = shrink > 1 ? null : greyscale(image);
  const grey = greySource(image, full);
  const patterns = detectFinderPatterns(full ?? greyscaleSampled(image, shrink), shrink);
  const isKnown = (f: Point) => found.some((c) => insideConvex(c.area, f));
  let attempts = 0;
  for (const candidate of codeCandidates(patterns)) {
    if (found.length >= options.maxCodes || attempts >= MAX_ATTEMPTS || !inTime()) break;
    if (candidate.finders.some(isKnown)) continue;
    attempts++;
    const code = decodeCandidate(grey, candidate, found);
    if (code) record(found, code);
  }
  let pairAttempts = 0;
  for (const [a, b] of unexplainedPairs(patterns)) {
    if (found.length >= options.maxCodes || attempts >= MAX_ATTEMPTS || pairAttempts >= MAX_PAIR_ATTEMPTS || !inTime()) break;
    if (isKnown(a) || isKnown(b)) continue;
    attempts++;
    pairAttempts++;
    const code = decodePair(grey, a, b, found);
    if (code) record(found, code);
  }
  const hinted = found.length === 0 && patterns.length > 0;
  if (options.wholeImage === 'always' || (options.wholeImage === 'if-hinted' && hinted)) {
    searchWholeImage(full ?? greyscale(image), found, options.maxCodes, inTime);
  }
  return found.map((f) => f.code).sort(readingOrder);
}

/** Patterns in image pixels, found in `grey` (the image shrunk `shrink` times). */
function detectFinderPatterns(grey: GreyImage, shrink: number): FinderPattern[] {
  const patterns = findFinderPatterns(binarize(grey), grey.width, grey.height);
  if (shrink <= 1) return patterns;
  return patterns.map((p) => ({ ...p, x: p.x * shrink, y: p.y * shrink, moduleSize: p.moduleSize * shrink }));
}

function decodeCandidate(grey: GreySource, candidate: CodeCandidate, found: readonly Found[]): DecodedQrCode | null {
  const box = boundingBox(candidate.corners, candidate.moduleSize * MARGIN_MODULES + 2);
  if (candidate.tilt > MAX_UPRIGHT_TILT) {
    for (const modulePx of UPRIGHT_MODULE_PX) {
      const code = decodeCrop(uprightCrop(grey, candidate, box, modulePx), found);
      if (code) return code;
    }
  }
  for (const scale of scalesFor(candidate.moduleSize, box)) {
    const code = decodeCrop(cropArea(grey, box, scale, candidate.inverted), found);
    if (code) return code;
  }
  return null;
}

/**
 * Two finder patterns that fit one code but no third: a side or the diagonal of a code whose
 * third pattern is damaged or was missed. Nearest pairs first, as codes are usually small.
 */
function unexplainedPairs(patterns: readonly FinderPattern[]): [FinderPattern, FinderPattern][] {
  const pairs: [FinderPattern, FinderPattern][] = [];
  for (let i = 0; i < patterns.length; i++) {
    for (let j = i + 1; j < patterns.length; j++) {
      if (couldShareCode(patterns[i]!, patterns[j]!)) pairs.push([patterns[i]!, patterns[j]!]);
    }
  }
  const span = ([a, b]: [FinderPattern, FinderPattern]) => Math.hypot(a.x - b.x, a.y - b.y);
  return pairs.sort((p, q) => span(p) - span(q));
}

/** Decodes the area that holds any code with these two finder patterns, whichever corners they are. */
function decodePair(grey: GreySource, a: FinderPattern, b: FinderPattern, found: readonly Found[]): DecodedQrCode | null {
  const moduleSize = (a.moduleSize + b.moduleSize) / 2;
  const reach = Math.hypot(a.x - b.x, a.y - b.y) + moduleSize * (4 + MARGIN_MODULES);
  const box = boundingBox([a, b], reach);
  const [scale] = scalesFor(moduleSize, box, MAX_PAIR_SIDE);
  return decodeCrop(cropArea(grey, box, scale!, a.inverted), found);
}

function cropArea(source: GreySource, box: Box, scale: number, invert: boolean): Crop {
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

function boundingBox(points: readonly Point[], margin: number): Box {
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
function scalesFor(moduleSize: number, box: Box, maxSide = MAX_DECODE_SIDE): number[] {
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

/**
 * Lets jsQR search the whole image, blanking each code it finds and searching again, because it
 * returns one code a call. A safety net for codes whose finder patterns the guided pass missed.
 */
function searchWholeImage(grey: GreyImage, found: Found[], maxCodes: number, inTime: () => boolean): void {
  const side = Math.max(grey.width, grey.height);
  const scale = side > MAX_DECODE_SIDE
    ? 1 / Math.ceil(side / MAX_DECODE_SIDE)
    : side < WHOLE_IMAGE_TRIPLE_BELOW ? 3 : side < WHOLE_IMAGE_DOUBLE_BELOW ? 2 : 1;
  // A white border gives a code that fills the image the quiet zone jsQR needs.
  const border = 8 / Math.min(scale, 1);
  const box: Box = { x0: -border, y0: -border, x1: grey.width + border, y1: grey.height + border };
  for (const invert of [false, true]) {
    while (found.length < maxCodes && inTime()) {
      const code = decodeCrop(cropGrey(grey, box, scale, invert), found);
      if (!code || !record(found, code)) break;
    }
  }
}

/** Blanks codes already found, decodes, maps the location back to image pixels. */
function decodeCrop(crop: Crop, found: readonly Found[]): DecodedQrCode | null {
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
function record(found: Found[], code: DecodedQrCode): boolean {
  const centre = centreOf(code.location);
  if (found.some((f) => insideConvex(f.area, centre))) return false;
  found.push({ code, area: growQuad(quadCorners(code.location), 0.08, 2) });
  return true;
}

function centreOf(location: QrLocation): Point {
  const corners = quadCorners(location);
  return { x: corners.reduce((s, p) => s + p.x, 0) / 4, y: corners.reduce((s, p) => s + p.y, 0) / 4 };
}

/** Top to bottom, and left to right among codes side by side (centres within half a code's height). */
function readingOrder(a: DecodedQrCode, b: DecodedQrCode): number {
  const ca = centreOf(a.location);
  const cb = centreOf(b.location);
  const height = Math.min(heightOf(a.location), heightOf(b.location));
  return Math.abs(ca.y - cb.y) > height / 2 ? ca.y - cb.y : ca.x - cb.x;
}

function heightOf(location: QrLocation): number {
  const ys = quadCorners(location).map((p) => p.y);
  return Math.max(...ys) - Math.min(...ys);
}

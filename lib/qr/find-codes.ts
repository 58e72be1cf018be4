import { binarize } from './binarize';
import { boundingBox, candidateCrops, cropArea, MARGIN_MODULES, MAX_DECODE_SIDE, scalesFor } from './candidate-crops';
import { codeCandidates, couldShareCode, type CodeCandidate } from './code-candidates';
import { cropGrey, type Box } from './crop';
import { findFinderPatterns, type FinderPattern } from './finder-patterns';
import { decodeCrop, isInFound, readingOrder, record, type Found } from './found-codes';
import { greySource, type GreySource } from './grey-source';
import { greyscale, greyscaleSampled, type GreyImage } from './greyscale';
import type { DecodedQrCode, Point, RgbaImage } from './types';

/** When jsQR also gets the whole image, after the guided pass. */
export type WholeImageSearch = 'always' | 'if-hinted' | 'never';

export interface FindOptions {
  maxCodes: number;
  /** 'if-hinted': only when nothing was decoded although finder patterns were seen. */
  wholeImage: WholeImageSearch;
  /** Look for finder patterns in a copy shrunk this many times (crops still use full resolution). */
  detectionShrink: number;
}

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
const MAX_PAIR_SIDE = 640;
/** Below these sides, the whole-image pass enlarges the image 3× or 2×: tiny codes need a few pixels a module. */
const WHOLE_IMAGE_TRIPLE_BELOW = 120;
const WHOLE_IMAGE_DOUBLE_BELOW = 240;

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
  const isKnown = (p: Point) => isInFound(found, p);
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
    if (found.length >= options.maxCodes || attempts >= MAX_ATTEMPTS || pairAttempts >= MAX_PAIR_ATTEMPTS || !inTime())
      break;
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
  for (const makeCrop of candidateCrops(grey, candidate)) {
    const crop = makeCrop();
    const code = crop && decodeCrop(crop, found);
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
function decodePair(
  grey: GreySource,
  a: FinderPattern,
  b: FinderPattern,
  found: readonly Found[],
): DecodedQrCode | null {
  const moduleSize = (a.moduleSize + b.moduleSize) / 2;
  const reach = Math.hypot(a.x - b.x, a.y - b.y) + moduleSize * (4 + MARGIN_MODULES);
  const box = boundingBox([a, b], reach);
  const [scale] = scalesFor(moduleSize, box, MAX_PAIR_SIDE);
  return decodeCrop(cropArea(grey, box, scale!, a.inverted), found);
}

/**
 * Lets jsQR search the whole image, blanking each code it finds and searching again, because it
 * returns one code a call. A safety net for codes whose finder patterns the guided pass missed.
 */
function searchWholeImage(grey: GreyImage, found: Found[], maxCodes: number, inTime: () => boolean): void {
  const side = Math.max(grey.width, grey.height);
  const scale =
    side > MAX_DECODE_SIDE
      ? 1 / Math.ceil(side / MAX_DECODE_SIDE)
      : side < WHOLE_IMAGE_TRIPLE_BELOW
        ? 3
        : side < WHOLE_IMAGE_DOUBLE_BELOW
          ? 2
          : 1;
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

/**
 * A finder pattern (one of the three nested squares in a QR code's corners) seen in a dark mask.
 * `inverted` is true for a light-on-dark code.
 */
export interface FinderPattern {
  x: number;
  y: number;
  moduleSize: number;
  inverted: boolean;
  /** How many scan rows confirmed it. */
  hits: number;
}

/**
 * Enough for several codes on a page plus false hits from text and pictures, while keeping the
 * triple search (cubic in the worst case) small.
 */
const MAX_PATTERNS = 48;
/** A cross-section must be within this fraction of a module of the 1:1:3:1:1 ratio, per run. */
const TOLERANCE = 0.7;
/**
 * A real pattern's centre square is 3 modules tall, so even at 1 px a module three rows cross it;
 * random texture passes all the checks on two neighbouring rows now and then, hardly ever on three.
 */
const MIN_HITS = 3;

interface Cluster {
  sumX: number;
  sumY: number;
  sumModule: number;
  hits: number;
  inverted: boolean;
  x: number;
  y: number;
  moduleSize: number;
}

/**
 * Finds finder patterns the way ZXing does: every row is scanned for runs in the 1:1:3:1:1 ratio
 * (either polarity), each hit is confirmed vertically, horizontally again and diagonally through its
 * centre, and hits on neighbouring rows are merged. The diagonal check also holds for rotated codes,
 * because any line through the centre of concentric squares crosses them in the same ratio.
 * Only the location matters here; decoding is left to jsQR on a crop around each likely code.
 */
export function findFinderPatterns(dark: Uint8Array, width: number, height: number): FinderPattern[] {
  const done: Cluster[] = [];
  let active: Cluster[] = [];
  const runs = new Int32Array(5);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let colour = dark[row]!;
    let length = 0;
    let seen = 0;
    for (let x = 0; x <= width; x++) {
      const v = x < width ? dark[row + x]! : colour ^ 1;
      if (v === colour) {
        length++;
        continue;
      }
      runs[0] = runs[1]!;
      runs[1] = runs[2]!;
      runs[2] = runs[3]!;
      runs[3] = runs[4]!;
      runs[4] = length;
      seen++;
      // The last run has the colour just ended; in a 5-run window the first run has it too.
      if (seen >= 5 && ratioMatches(runs)) {
        const centreX = x - runs[4]! - runs[3]! - runs[2]! / 2;
        const hit = confirm(dark, width, height, centreX, y, colour, runs);
        if (hit) addHit(active, hit.x, hit.y, hit.moduleSize, colour === 0);
      }
      colour = v;
      length = 1;
    }
    if (y % 8 === 7) active = retire(active, done, y);
  }
  retire(active, done, Number.POSITIVE_INFINITY);
  return done
    .filter((c) => c.hits >= MIN_HITS)
    .sort((a, b) => b.hits - a.hits)
    .slice(0, MAX_PATTERNS)
    .map((c) => ({ x: c.x, y: c.y, moduleSize: c.moduleSize, inverted: c.inverted, hits: c.hits }));
}

function ratioMatches(runs: Int32Array): boolean {
  const total = runs[0]! + runs[1]! + runs[2]! + runs[3]! + runs[4]!;
  if (total < 7) return false;
  const module = total / 7;
  const slack = module * TOLERANCE;
  return (
    Math.abs(runs[0]! - module) < slack &&
    Math.abs(runs[1]! - module) < slack &&
    Math.abs(runs[2]! - 3 * module) < 3 * slack &&
    Math.abs(runs[3]! - module) < slack &&
    Math.abs(runs[4]! - module) < slack
  );
}

/** Re-measures a row hit across the other axes; the refined centre and module size, or null. */
function confirm(
  dark: Uint8Array,
  width: number,
  height: number,
  rowX: number,
  rowY: number,
  fg: number,
  runs: Int32Array,
): { x: number; y: number; moduleSize: number } | null {
  const rowTotal = runs[0]! + runs[1]! + runs[2]! + runs[3]! + runs[4]!;
  const maxRing = Math.ceil(runs[2]! * 1.5) + 2;
  const column = Math.floor(rowX);
  const vertical = crossSection(dark, width, height, column, rowY, 0, 1, fg, maxRing);
  if (!vertical || !similarTotal(vertical.total, rowTotal)) return null;
  const y = rowY + vertical.centre;
  const horizontal = crossSection(dark, width, height, column, Math.floor(y), 1, 0, fg, maxRing);
  if (!horizontal || !similarTotal(horizontal.total, rowTotal)) return null;
  const x = column + horizontal.centre;
  const diagonalRing = Math.ceil(maxRing * 1.5);
  if (!crossSection(dark, width, height, Math.floor(x), Math.floor(y), 1, 1, fg, diagonalRing)) return null;
  if (!crossSection(dark, width, height, Math.floor(x), Math.floor(y), -1, 1, fg, diagonalRing)) return null;
  return { x, y, moduleSize: (horizontal.total + vertical.total) / 14 };
}

/** Totals measured across different axes of one pattern agree within 40 %. */
function similarTotal(total: number, reference: number): boolean {
  return 5 * Math.abs(total - reference) < 2 * reference;
}

const scratch = new Int32Array(5);

/**
 * Walks from (x0, y0), which must be in the pattern's centre square, both ways along (dx, dy) and
 * measures the five runs. Returns the total length and the centre square's midpoint as an offset
 * from (x0, y0) along the direction (in steps, pixel edges at integers), or null.
 * The outer ring may end at the image border (a code drawn with no margin); the inner ones may not.
 */
function crossSection(
  dark: Uint8Array,
  width: number,
  height: number,
  x0: number,
  y0: number,
  dx: number,
  dy: number,
  fg: number,
  maxRing: number,
): { total: number; centre: number } | null {
  const inside = (x: number, y: number) => x >= 0 && y >= 0 && x < width && y < height;
  if (!inside(x0, y0) || dark[y0 * width + x0] !== fg) return null;
  const runs = scratch;
  runs.fill(0);
  let x = x0;
  let y = y0;
  let back = 0;
  while (inside(x, y) && dark[y * width + x] === fg) {
    back++;
    x -= dx;
    y -= dy;
  }
  if (!inside(x, y)) return null;
  while (inside(x, y) && dark[y * width + x] !== fg && runs[1]! <= maxRing) {
    runs[1]!++;
    x -= dx;
    y -= dy;
  }
  if (!inside(x, y) || runs[1]! > maxRing) return null;
  while (inside(x, y) && dark[y * width + x] === fg && runs[0]! <= maxRing) {
    runs[0]!++;
    x -= dx;
    y -= dy;
  }
  if (runs[0]! > maxRing) return null;

  x = x0 + dx;
  y = y0 + dy;
  let forward = 0;
  while (inside(x, y) && dark[y * width + x] === fg) {
    forward++;
    x += dx;
    y += dy;
  }
  if (!inside(x, y)) return null;
  while (inside(x, y) && dark[y * width + x] !== fg && runs[3]! <= maxRing) {
    runs[3]!++;
    x += dx;
    y += dy;
  }
  if (!inside(x, y) || runs[3]! > maxRing) return null;
  while (inside(x, y) && dark[y * width + x] === fg && runs[4]! <= maxRing) {
    runs[4]!++;
    x += dx;
    y += dy;
  }
  if (runs[4]! > maxRing) return null;

  runs[2] = back + forward;
  if (!ratioMatches(runs)) return null;
  const total = runs[0]! + runs[1]! + runs[2]! + runs[3]! + runs[4]!;
  // The centre run covers offsets [1 - back, forward + 1); its midpoint:
  return { total, centre: (forward + 2 - back) / 2 };
}

function addHit(active: Cluster[], x: number, y: number, moduleSize: number, inverted: boolean): void {
  for (const c of active) {
    if (
      c.inverted === inverted &&
      Math.abs(c.x - x) <= c.moduleSize + 1 &&
      Math.abs(c.y - y) <= c.moduleSize + 1 &&
      Math.abs(c.moduleSize - moduleSize) <= Math.max(1, c.moduleSize * 0.5)
    ) {
      c.sumX += x;
      c.sumY += y;
      c.sumModule += moduleSize;
      c.hits++;
      c.x = c.sumX / c.hits;
      c.y = c.sumY / c.hits;
      c.moduleSize = c.sumModule / c.hits;
      return;
    }
  }
  active.push({ sumX: x, sumY: y, sumModule: moduleSize, hits: 1, inverted, x, y, moduleSize });
}

/** Moves clusters the scan has passed (no later row can still cross their centre) to `done`. */
function retire(active: Cluster[], done: Cluster[], y: number): Cluster[] {
  const still: Cluster[] = [];
  for (const c of active) {
    if (y > c.y + 2 * c.moduleSize + 10) done.push(c);
    else still.push(c);
  }
  return still;
}

import jsQR from 'jsqr';
import type { GreyImage } from './greyscale';
import type { DecodedQrCode, Point } from './types';

/**
 * One jsQR attempt on a grey image (dark modules on light), location in that image's pixels.
 * Options are always passed in full: jsQR 1.4 merges them into a shared defaults object, so an
 * omitted option would inherit whatever the previous caller set.
 */
export function decodeWithJsqr(grey: GreyImage): DecodedQrCode | null {
  const { data, width, height } = grey;
  if (width < 21 || height < 21) return null;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, o = 0; i < data.length; i++, o += 4) {
    const v = data[i]!;
    rgba[o] = v;
    rgba[o + 1] = v;
    rgba[o + 2] = v;
    rgba[o + 3] = 255;
  }
  let result: ReturnType<typeof jsQR>;
  try {
    result = jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' });
  } catch {
    // A decoder bug on odd input must not break a scan; to the user it is just "no code here".
    return null;
  }
  if (!result || result.data === '') return null;
  const { location } = result;
  return {
    text: result.data,
    location: {
      topLeft: point(location.topLeftCorner),
      topRight: point(location.topRightCorner),
      bottomRight: point(location.bottomRightCorner),
      bottomLeft: point(location.bottomLeftCorner),
    },
  };
}

function point(p: Point): Point {
  return { x: p.x, y: p.y };
}

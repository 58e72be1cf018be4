import { useMemo } from 'preact/hooks';
import { qrMatrix } from '@/lib/export/qr-matrix';

/** Modules of light margin a scanner needs around the code. */
const QUIET_ZONE = 4;

/**
 * A QR code drawn as one SVG path, dark on light whatever the theme (scanners need that contrast).
 * `label` is its accessible name, e.g. "QR code 1 of 3".
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => {
    const matrix = qrMatrix(text);
    let d = '';
    matrix.dark.forEach((row, y) => {
      row.forEach((dark, x) => {
        if (dark) d += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`;
      });
    });
    return { size: matrix.size + 2 * QUIET_ZONE, path: d };
  }, [text]);
  return (
    <svg class="qr-code" role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} shape-rendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

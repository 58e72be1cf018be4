import qrcode from 'qrcode-generator';

/** A QR code as its modules: `dark[row][column]`, without the quiet zone around it. */
export interface QrMatrix {
  size: number;
  dark: boolean[][];
}

/**
 * The QR code a phone scans to take `text` (a Google Authenticator transfer link), at medium error
 * correction like the links were sized for (`QR_MAX_BYTES`). Throws when the text does not fit.
 */
export function qrMatrix(text: string): QrMatrix {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const size = code.getModuleCount();
  const dark = Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, column) => code.isDark(row, column)),
  );
  return { size, dark };
}

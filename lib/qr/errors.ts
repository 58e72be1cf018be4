/** Stable codes so the UI can translate; the message is the English fallback. */
export type QrImageErrorCode = 'bad-image' | 'image-too-large' | 'empty-region';

/** The pixels handed to the QR reader cannot be scanned at all (as opposed to: no code in them). */
export class QrImageError extends Error {
  override readonly name = 'QrImageError';

  constructor(
    readonly code: QrImageErrorCode,
    message: string,
  ) {
    super(message);
  }
}

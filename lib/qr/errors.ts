import { CodedError } from '../coded-error';

/** Stable codes so the UI can translate; the message is the English fallback. */
export type QrImageErrorCode = 'bad-image' | 'image-too-large' | 'empty-region';

/** The pixels handed to the QR reader cannot be scanned at all (as opposed to: no code in them). */
export class QrImageError extends CodedError<QrImageErrorCode> {
  override readonly name = 'QrImageError';
}

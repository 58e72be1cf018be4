import { base64ToBytes } from '../otp/encoding/base64';
import type { ImportError } from './errors';

/** Base64 from inside an export; anything else throws `damaged()`, the format's own `corrupt` error. */
export function base64Field(text: string, damaged: () => ImportError): Uint8Array {
  const bytes = base64ToBytes(text);
  if (bytes === null) throw damaged();
  return bytes;
}

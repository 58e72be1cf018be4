/**
 * Standard padded Base64, and a strict reader of exactly that: one spelling per byte string, so a
 * value bound into associated data reads back as the bytes it was written from.
 */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunked so a large buffer does not exceed the argument limit of String.fromCharCode.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The bytes, or `null` for anything but canonical standard padded Base64. */
export function fromBase64(text: string): Uint8Array | null {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const bytes = atobBytes(text);
  // atob ignores stray low bits in the last character; re-encoding catches that second spelling.
  return bytes !== null && toBase64(bytes) === text ? bytes : null;
}

/** What the platform's atob reads from padded standard Base64, as bytes; `null` where atob refuses it. */
export function atobBytes(text: string): Uint8Array | null {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

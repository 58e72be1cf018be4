/** Byte helpers shared by the vault and the backup format. */

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

/** `null` instead of replacement characters: text that is not UTF-8 was not written by us. */
export function fromUtf8(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

/** A fresh ArrayBuffer-backed copy: the only shape WebCrypto's types accept, and safe from later mutation. */
export function toBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  // No early exit, so comparing tags or keys does not leak how many bytes matched.
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** Overwrites key material the caller no longer needs; JavaScript offers nothing stronger. */
export function wipeBytes(bytes: Uint8Array): void {
  bytes.fill(0);
}

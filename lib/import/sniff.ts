import { ImportError } from './errors';
import { MAX_IMPORT_BYTES } from './limits';

/** A file decoded once, so each format's `detect` stays cheap. */
export interface SniffedFile {
  fileName: string;
  bytes: Uint8Array;
  /** UTF-8 text without BOM, or `null` for binary data. */
  text: string | null;
  /** The parsed JSON when the text is JSON, otherwise `undefined`. */
  json: unknown;
  /** True when the text starts like JSON but does not parse. */
  brokenJson: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function sniff(fileName: string, bytes: Uint8Array): SniffedFile {
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new ImportError(
      'too-large',
      `The file is too large (${(bytes.length / 1024 / 1024).toFixed(1)} MB); backups are at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`,
    );
  }
  let text: string | null = null;
  try {
    text = utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    text = null;
  }
  if (bytes.length === 0 || text?.trim() === '') throw new ImportError('empty', 'The file is empty.');

  let json: unknown;
  let brokenJson = false;
  if (text !== null && /^\s*[[{]/.test(text)) {
    try {
      json = JSON.parse(text);
    } catch {
      // Includes a RangeError from absurd nesting: still just "not readable JSON".
      brokenJson = true;
    }
  }
  return { fileName, bytes, text, json, brokenJson };
}

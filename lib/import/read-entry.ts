import { AccountError, type Account } from '../account';
import { MigrationEntryError, OtpUriError } from '../otp';
import { EntryError } from './errors';
import type { ParsedEntry } from './report';

/**
 * Runs one entry's reader and files a typed failure as a rejection, so one bad entry never sinks
 * the import. Untyped errors are bugs and propagate.
 */
export function readEntry(entry: string, read: () => Account): ParsedEntry {
  try {
    return { entry, account: read() };
  } catch (error) {
    if (
      error instanceof AccountError ||
      error instanceof OtpUriError ||
      error instanceof MigrationEntryError ||
      error instanceof EntryError
    ) {
      return { entry, rejected: { code: error.code, reason: error.message } };
    }
    throw error;
  }
}

/** "Deno: Mason", or a position when the entry has no usable name. */
export function entryName(position: string, issuer: unknown, label: unknown): string {
  const parts = [issuer, label].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  const name = parts.map((p) => p.trim().slice(0, 60)).join(': ');
  return name === '' ? position : `${position} (${name})`;
}

import { AccountError, type Account } from '../account';
import { MigrationEntryError, OtpUriError } from '../otp';
import { EntryError } from './errors';
import { isObject, type JsonObject } from './json-fields';
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

/**
 * An app's name for an entry's kind (TOTP, HOTP or Steam, in any letter case) as the account's type;
 * any other kind is refused, naming it as `kind` spells it and the app it came from.
 */
export function entryKind(kind: string, app: string): { type: 'totp' | 'hotp'; steam: boolean } {
  const lower = kind.toLowerCase();
  if (lower !== 'totp' && lower !== 'hotp' && lower !== 'steam') {
    throw new EntryError(
      'unsupported-type',
      `${kind.slice(0, 20)} codes from ${app} are not supported; only TOTP, HOTP and Steam are.`,
    );
  }
  return { type: lower === 'hotp' ? 'hotp' : 'totp', steam: lower === 'steam' };
}

/**
 * Each item of a JSON entry list read as an account, named by its position and what `names` finds
 * in it (issuer, label); an item that is not an object is rejected as no account record.
 */
export function readJsonEntries(
  items: readonly unknown[],
  names: (item: JsonObject) => [issuer: unknown, label: unknown],
  toAccount: (item: JsonObject) => Account,
): ParsedEntry[] {
  return items.map((item, i) => {
    const position = `entry ${i + 1}`;
    return readEntry(isObject(item) ? entryName(position, ...names(item)) : position, () => {
      if (!isObject(item)) throw new EntryError('bad-entry', 'The entry is not an account record.');
      return toAccount(item);
    });
  });
}

/** "Deno: Mason", or a position when the entry has no usable name. */
export function entryName(position: string, issuer: unknown, label: unknown): string {
  const parts = [issuer, label].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  const name = parts.map((p) => p.trim().slice(0, 60)).join(': ');
  return name === '' ? position : `${position} (${name})`;
}

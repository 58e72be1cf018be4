import type { Account } from '../../account';
import { MigrationError, parseMigrationUri, parseOtpauthUri } from '../../otp';
import { EntryError } from '../errors';
import { get, isObject } from '../json-fields';
import { checkEntryCount } from '../limits';
import { readEntry } from '../read-entry';
import type { ImportWarning, ParsedEntry, ParsedFile } from '../report';
import type { SniffedFile } from '../sniff';
import type { ImportFormat } from './types';

const LINK = /otpauth(-migration)?:\/\//i;

/**
 * Plain text with one link a line: `otpauth://` accounts and Google Authenticator export links
 * (`otpauth-migration://`), as a QR scanner or another app's "export as text" writes them: Aegis,
 * Ente Auth (whose `codeDisplay` parameter is read only for its trash flag), Authenticator Pro
 * (whose Steam accounts are `otpauth://totp/` links, see `steamConvention`), FreeOTP+, authy-export.
 * Blank lines and `#` comments are ignored.
 */
export const otpauthText: ImportFormat = {
  id: 'otpauth-text',
  name: 'List of otpauth:// links',
  detect: (file) => file.text !== null && file.json === undefined && !file.brokenJson && LINK.test(file.text),
  parse: async (file) => parseLines(file),
};

function parseLines(file: SniffedFile): ParsedFile {
  const entries: ParsedEntry[] = [];
  const batches = new BatchTracker();
  const lines = (file.text ?? '').split(/\r\n|\r|\n/);
  checkEntryCount(lines.filter((line) => line.trim() !== '').length);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const where = `line ${index + 1}`;
    if (line === '' || line.startsWith('#')) return;
    if (/^otpauth-migration:/i.test(line)) {
      entries.push(...migrationLine(line, where, batches));
      // One export link can hold hundreds of entries; count them as they come.
      checkEntryCount(entries.length);
      return;
    }
    entries.push(readEntry(where, () => lineToAccount(line)));
  });
  return { entries, warnings: batches.warnings() };
}

function lineToAccount(line: string): Account {
  if (/^motp:/i.test(line)) {
    throw new EntryError('unsupported-type', 'mOTP codes are not supported; only TOTP, HOTP and Steam are.');
  }
  if (!/^otpauth:/i.test(line)) throw new EntryError('not-a-link', 'This line is not an otpauth:// link.');
  if (inEnteTrash(line)) {
    throw new EntryError('in-trash', "This code is in Ente Auth's trash. Restore it in Ente Auth to import it.");
  }
  return parseOtpauthUri(steamConvention(line));
}

/**
 * Authenticator Pro and FreeOTP+ write Steam accounts as `otpauth://totp/` links: Authenticator Pro
 * marks them with a bare `steam` parameter, or (as FreeOTP does) by the issuer "Steam" alone, with
 * no `digits` since Steam's 5 are its default; FreeOTP+ by the issuer "Steam" and `digits=5`. Such a
 * link means Steam codes and becomes `otpauth://steam/`. Steam issues no other codes, and a
 * 5-digit TOTP is no valid account anyway, so no usable TOTP link is mistaken.
 */
function steamConvention(line: string): string {
  const match = /^otpauth:\/\/totp\/([^?#]*)\?([^#]*)/i.exec(line);
  if (match === null) return line;
  const [, path, query] = match as unknown as [string, string, string];
  const pairs = query.split('&').map((pair) => pair.toLowerCase());
  const bareSteam = pairs.includes('steam');
  const steamIssuer = pairs.includes('issuer=steam') || /^steam(?::|%3a)/i.test(path);
  const digits = pairs.find((pair) => pair.startsWith('digits='))?.slice('digits='.length);
  if (!bareSteam && !(steamIssuer && (digits === undefined || digits === '5'))) return line;
  return `otpauth://steam/${line.slice('otpauth://totp/'.length)}`;
}

/** Ente Auth exports its trash too, flagged in the `codeDisplay` JSON it appends to each link. */
function inEnteTrash(line: string): boolean {
  const match = /[?&]codeDisplay=([^&#]*)/i.exec(line);
  if (match === null) return false;
  try {
    const display: unknown = JSON.parse(decodeURIComponent(match[1]!.replace(/\+/g, ' ')));
    return isObject(display) && get(display, 'trashed') === true;
  } catch {
    return false;
  }
}

function migrationLine(line: string, where: string, batches: BatchTracker): ParsedEntry[] {
  try {
    const batch = parseMigrationUri(line);
    batches.add(batch.batchId, batch.batchIndex, batch.batchSize);
    return batch.entries.map((entry, i) => {
      const name = `${where}, account ${i + 1}${entry.name.trim() === '' ? '' : ` (${entry.name.slice(0, 80)})`}`;
      return entry.ok
        ? { entry: name, account: entry.account }
        : { entry: name, rejected: { code: entry.error.code, reason: entry.error.message } };
    });
  } catch (error) {
    if (error instanceof MigrationError)
      return [{ entry: where, rejected: { code: error.code, reason: error.message } }];
    throw error;
  }
}

/** Google Authenticator splits big exports over several QR codes; notice when some were not scanned. */
class BatchTracker {
  private readonly seen = new Map<number, { size: number; indexes: Set<number> }>();

  add(batchId: number, index: number, size: number): void {
    if (size <= 1) return;
    const batch = this.seen.get(batchId) ?? { size, indexes: new Set<number>() };
    batch.indexes.add(index);
    this.seen.set(batchId, batch);
  }

  warnings(): ImportWarning[] {
    const warnings: ImportWarning[] = [];
    for (const { size, indexes } of this.seen.values()) {
      const missing = size - [...indexes].filter((i) => i >= 0 && i < size).length;
      if (missing > 0) {
        warnings.push({
          code: 'missing-batches',
          message: `This Google Authenticator export has ${size} QR codes, but ${missing} of them ${missing === 1 ? 'is' : 'are'} missing. Scan every code to import all accounts.`,
        });
      }
    }
    return warnings;
  }
}

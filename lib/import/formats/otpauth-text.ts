import { MigrationError, parseMigrationUri, parseOtpauthUri } from '../../otp';
import { EntryError } from '../errors';
import { checkEntryCount } from '../limits';
import { readEntry } from '../read-entry';
import type { ImportWarning, ParsedEntry, ParsedFile } from '../report';
import type { SniffedFile } from '../sniff';
import type { ImportFormat } from './types';

const LINK = /otpauth(-migration)?:\/\//i;

/**
 * Plain text with one link a line: `otpauth://` accounts and Google Authenticator export links
 * (`otpauth-migration://`), as a QR scanner or another app's "export as text" writes them.
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
    entries.push(
      readEntry(where, () => {
        if (!/^otpauth:/i.test(line)) throw new EntryError('not-a-link', 'This line is not an otpauth:// link.');
        return parseOtpauthUri(line);
      }),
    );
  });
  return { entries, warnings: batches.warnings() };
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

import { duplicateKey, type Account } from '../account';

export interface RejectedEntry {
  /** Where the entry was: "line 3", or the entry's name. */
  entry: string;
  /** Why, in plain English. */
  reason: string;
  /** Stable code for translation, e.g. `bad-secret`. */
  code: string;
}

export interface ImportWarning {
  code: string;
  message: string;
}

export interface ImportReport {
  imported: number;
  duplicates: number;
  rejected: RejectedEntry[];
  /** File-level remarks that are not about one entry, e.g. a missing QR code of a multi-part export. */
  warnings: ImportWarning[];
}

/** What a format parser produces: each entry read or rejected, in file order. */
export type ParsedEntry =
  | { entry: string; account: Account }
  | { entry: string; rejected: { code: string; reason: string } };

export interface ParsedFile {
  entries: ParsedEntry[];
  warnings: ImportWarning[];
}

/**
 * Keeps the first of each duplicate (same key and kind, see `duplicateKey`), whether the other copy
 * is earlier in the file or already among `existing` accounts.
 */
export function buildReport(
  parsed: ParsedFile,
  existing: readonly Account[],
): { accounts: Account[]; report: ImportReport } {
  const seen = new Set(existing.map(duplicateKey));
  const accounts: Account[] = [];
  const rejected: RejectedEntry[] = [];
  let duplicates = 0;
  for (const item of parsed.entries) {
    if ('rejected' in item) {
      rejected.push({ entry: item.entry, reason: item.rejected.reason, code: item.rejected.code });
      continue;
    }
    const key = duplicateKey(item.account);
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    accounts.push(item.account);
  }
  return { accounts, report: { imported: accounts.length, duplicates, rejected, warnings: parsed.warnings } };
}

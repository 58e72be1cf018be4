import { ImportError } from './errors';

/** Larger than any real authenticator backup (thousands of accounts fit in a few hundred KB). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/**
 * Nobody has ten thousand sign-in codes; a file that claims to is junk or hostile, and reading it
 * entry by entry would keep the browser busy for seconds.
 */
export const MAX_ENTRIES = 10_000;

export function checkEntryCount(count: number): void {
  if (count > MAX_ENTRIES) {
    throw new ImportError(
      'too-many-entries',
      `The file lists more than ${MAX_ENTRIES.toLocaleString('en')} entries, more than any authenticator backup holds. Check that it is the right file.`,
    );
  }
}

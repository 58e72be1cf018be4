/** Assertions on what `importAccounts` returned: the accounts field by field and the report. */
import { expect } from 'vitest';
import type { Account } from '../../../lib/account';
import type { FormatId, ImportResult } from '../../../lib/import';

const FIELDS = [
  'type',
  'steam',
  'issuer',
  'label',
  'secret',
  'algorithm',
  'digits',
  'period',
  'counter',
  'origins',
] as const;

/** Field by field, so a failure names the account and the field that differ; then as a whole. */
export function expectAccounts(actual: readonly Account[], expected: readonly Account[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((account, i) => {
    const want = expected[i]!;
    const name = `${want.issuer}/${want.label}`;
    for (const field of FIELDS) {
      expect({ account: name, field, value: account[field] }).toEqual({ account: name, field, value: want[field] });
    }
  });
  expect(actual).toEqual(expected);
}

/**
 * An import that left nothing out: its format, a report of `imported` accounts and nothing else, then
 * the accounts field by field.
 */
export function expectWholeImport(
  result: ImportResult,
  format: FormatId,
  imported: number,
  accounts: readonly Account[],
): void {
  expect(result.format).toBe(format);
  expect(result.report).toEqual({ imported, duplicates: 0, rejected: [], warnings: [] });
  expectAccounts(result.accounts, accounts);
}

/** An import that kept `accounts` (compared field by field) and turned down the entries `rejected` describes. */
export function expectPartialImport(
  result: ImportResult,
  expected: { accounts: readonly Account[]; rejected: readonly unknown[] },
): void {
  expectAccounts(result.accounts, expected.accounts);
  expect(result.report.rejected).toEqual(expected.rejected);
}

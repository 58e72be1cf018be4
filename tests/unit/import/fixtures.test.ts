import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../lib/account';
import { importAccounts, type FormatId } from '../../../lib/import';
import { expectedAccounts, fixture, FIXTURES } from './fixtures';
import { expectWholeImport } from './expect-import';
import { byIssuer } from './helpers';

const all = expectedAccounts();

/**
 * Which of the seven accounts each app's export holds (README: some apps drop entries), and what
 * the extension can recover where the app keeps less than the account had.
 */
const cases: { file: string; format: FormatId; password?: string; accounts: Account[] }[] = [
  { file: 'plain.txt', format: 'otpauth-text', accounts: all },
  { file: 'aegis_plain.json', format: 'aegis', accounts: all },
  { file: 'aegis_encrypted.json', format: 'aegis', password: 'test', accounts: all },
  { file: 'andotp_plain.json', format: 'andotp', accounts: all },
  // 2FAS' test export holds neither SPDX nor Airbnb.
  {
    file: '2fas_authenticator_plain_v4.2fas',
    format: '2fas',
    accounts: byIssuer('Deno', 'Issuu', 'Air Canada', 'WWE', 'Boeing'),
  },
  // Bitwarden keeps the three TOTP links and the Steam key as `steam://KEY`, which carries no names:
  // the item's name ("Test Steam") becomes the account name.
  {
    file: 'bitwarden.json',
    format: 'bitwarden',
    accounts: [...byIssuer('Deno', 'SPDX', 'Airbnb'), { ...byIssuer('Boeing')[0]!, issuer: '', label: 'Test Steam' }],
  },
];

describe('every interop fixture imports to its expected accounts', { timeout: 60_000 }, () => {
  it('covers every export file in the fixture folder', () => {
    const files = readdirSync(FIXTURES).filter((f) => f !== 'README.md' && f !== 'expected.json');
    expect(files.sort()).toEqual(cases.map((c) => c.file).sort());
  });

  it.each(cases)('$file', async ({ file, format, password, accounts }) => {
    const result = await importAccounts(file, fixture(file), { password });
    expectWholeImport(result, format, accounts.length, accounts);
  });
});

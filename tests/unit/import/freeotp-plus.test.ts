import { describe, expect, it } from 'vitest';
import { type Account, createAccount } from '../../../lib/account';
import { importAccounts } from '../../../lib/import';
import { expectedAccounts } from './fixtures';
import { expectAccounts, expectPartialImport, expectWholeImport } from './expect-import';
import { base32Bytes, byIssuer, fuzzDocument, type Json, json } from './helpers';

/** Key bytes as Java's Gson writes a `byte[]`: signed. */
const signedBytes = (secret: string): number[] => [...base32Bytes(secret)].map((b) => (b > 127 ? b - 256 : b));

/**
 * A `tokens[]` item as FreeOTP+ exports it (legacy `Token`): HOTP counters one below the link's,
 * `issuerInt` only when the link had an `issuer=`.
 */
function token(account: Account, extra: Record<string, Json> = {}): Record<string, Json> {
  return {
    algo: account.algorithm,
    counter: account.type === 'hotp' ? account.counter - 1 : 0,
    digits: account.digits,
    issuerExt: account.issuer,
    issuerInt: account.issuer,
    label: account.label,
    period: account.period,
    secret: signedBytes(account.secret),
    type: account.type.toUpperCase(),
    ...extra,
  };
}

function exportOf(tokens: Record<string, Json>[]): Record<string, Json> {
  return { tokenOrder: tokens.map((t) => `${t.issuerExt}:${t.label}`), tokens };
}

// FreeOTP+ has no Steam type and knows Steam only by the issuer "Steam": Boeing's account cannot be
// written as FreeOTP+ would, and is left out here as the README allows.
const sixAccounts = byIssuer('Deno', 'SPDX', 'Airbnb', 'Issuu', 'Air Canada', 'WWE');

describe('FreeOTP+ JSON export', () => {
  it('the test helper writes keys as Java does (a vector checked by hand against Aegis’ freeotp_plus.json)', () => {
    expect(signedBytes('4SJHB4GSD43FZBAI7C2HLRJGPQ')).toEqual([
      -28, -110, 112, -16, -46, 31, 54, 92, -124, 8, -8, -76, 117, -59, 38, 124,
    ]);
  });

  it('reads every expected account, field by field, HOTP counters back to the link’s values', async () => {
    const result = await importAccounts('freeotp-backup.json', json(exportOf(sixAccounts.map((a) => token(a)))));
    expectWholeImport(result, 'freeotp-plus', 6, sixAccounts);
  });

  it('is recognised by its content: no tokenOrder, any file name', async () => {
    const file = { tokens: [token(byIssuer('Deno')[0]!)] };
    const result = await importAccounts('export.txt', json(file));
    expect(result.format).toBe('freeotp-plus');
    expectAccounts(result.accounts, byIssuer('Deno'));
  });

  it('takes the names the user gave (issuerAlt, labelAlt) over those of the QR code', async () => {
    const deno = byIssuer('Deno')[0]!;
    const result = await importAccounts(
      'f.json',
      json(exportOf([token(deno, { issuerAlt: 'Deno Land', labelAlt: 'me' })])),
    );
    expectAccounts(result.accounts, [{ ...deno, issuer: 'Deno Land', label: 'me' }]);
  });

  it('falls back to issuerInt when there is no issuerExt, and reads unsigned byte values alike', async () => {
    const deno = byIssuer('Deno')[0]!;
    const t = token(deno, { secret: [...base32Bytes(deno.secret)] });
    delete t.issuerExt;
    const result = await importAccounts('f.json', json({ tokens: [t] }));
    expectAccounts(result.accounts, [deno]);
  });

  it('a token issued by "Steam" is a Steam account, as FreeOTP shows it', async () => {
    const secret = byIssuer('Boeing')[0]!.secret;
    const steam = { ...token(byIssuer('Boeing')[0]!), issuerExt: 'Steam', issuerInt: 'Steam', digits: 5 };
    const result = await importAccounts('f.json', json(exportOf([steam])));
    expectAccounts(result.accounts, [
      createAccount({ type: 'totp', steam: true, secret, issuer: 'Steam', label: 'Sophia' }),
    ]);
  });

  it('a link’s counter 0 (stored as -1) imports as 0', async () => {
    const issuu = byIssuer('Issuu')[0]!;
    const result = await importAccounts('f.json', json(exportOf([token(issuu, { counter: -1 })])));
    expect(result.accounts.map((a) => a.counter)).toEqual([0]);
  });

  it('rejects unusable tokens one by one, naming them', async () => {
    const deno = byIssuer('Deno')[0]!;
    const file = exportOf([
      token(deno, { secret: [1, 2, 300] }),
      token(deno, { secret: 'JBSWY3DPEHPK3PXP' }),
      token(deno, { type: 'MOTP' }),
      token(deno, { algo: 'MD5' }),
      token(deno, { secret: [1, 2, 3] }),
      token(byIssuer('SPDX')[0]!),
    ]);
    delete (file.tokens as Record<string, Json>[])[4]!.type;
    const result = await importAccounts('f.json', json(file));
    expectPartialImport(result, {
      accounts: byIssuer('SPDX'),
      rejected: [
        {
          entry: 'entry 1 (Deno: Mason)',
          code: 'bad-entry',
          reason: 'The entry\'s "secret" should be a list of byte values.',
        },
        {
          entry: 'entry 2 (Deno: Mason)',
          code: 'bad-entry',
          reason: 'The entry\'s "secret" should be a list of byte values.',
        },
        {
          entry: 'entry 3 (Deno: Mason)',
          code: 'unsupported-type',
          reason: expect.stringContaining('MOTP codes from FreeOTP+'),
        },
        { entry: 'entry 4 (Deno: Mason)', code: 'bad-algorithm', reason: expect.stringContaining('MD5') },
        { entry: 'entry 5 (Deno: Mason)', code: 'bad-entry', reason: 'The entry has no "type".' },
      ],
    });
  });

  it('a key too short for an account is rejected with the reason', async () => {
    const result = await importAccounts('f.json', json(exportOf([token(byIssuer('Deno')[0]!, { secret: [1, 2, 3] })])));
    expect(result.report.rejected).toEqual([
      { entry: 'entry 1 (Deno: Mason)', code: 'secret-too-short', reason: expect.any(String) },
    ]);
  });

  it('never fails with anything but a typed error, whatever a value is replaced with', {
    timeout: 60_000,
  }, async () => {
    await fuzzDocument(
      'f.json',
      exportOf(
        expectedAccounts()
          .slice(0, 6)
          .map((a) => token(a)),
      ) as Json,
      500,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { type Account, createAccount } from '../../../lib/account';
import { importAccounts } from '../../../lib/import';
import { expectedAccounts } from './fixtures';
import { expectAccounts, expectPartialImport, expectWholeImport } from './expect-import';
import { byIssuer, bytes, fuzzDocument, type Json, json } from './helpers';

const TYPE = { hotp: 1, totp: 2, motp: 3, steam: 4, yandex: 5 } as const;
const ALGORITHM = { SHA1: 0, SHA256: 1, SHA512: 2 } as const;

/** An `Authenticators[]` item as Authenticator Pro (Stratum.Core `Authenticator`) serialises it. */
function authenticator(account: Account, extra: Record<string, Json> = {}): Record<string, Json> {
  return {
    Type: account.steam ? TYPE.steam : TYPE[account.type as 'totp' | 'hotp'],
    Icon: null,
    Issuer: account.issuer,
    Username: account.label,
    Secret: account.secret,
    Pin: null,
    Algorithm: ALGORITHM[account.algorithm],
    Digits: account.digits,
    Period: account.period,
    Counter: account.counter,
    Ranking: 0,
    CopyCount: 3,
    ...extra,
  };
}

function backupOf(items: Record<string, Json>[]): Record<string, Json> {
  return {
    Authenticators: items,
    Categories: [{ Id: '3f9b3fd3', Name: 'Work', Ranking: 0 }],
    AuthenticatorCategories: [{ CategoryId: '3f9b3fd3', AuthenticatorSecret: items[0]?.Secret ?? '', Ranking: 0 }],
    CustomIcons: [{ Id: '5aec08af', Data: 'iVBORw0KGgo=' }],
  };
}

/**
 * `Authenticator.GetUri` in Stratum.Core: `Issuer:Username` escaped as one path segment, the issuer
 * again as `issuer=`, and only the settings that differ from the type's defaults; Steam accounts are
 * `otpauth://totp/` links marked `&steam` unless the issuer is "Steam"; mOTP accounts are `motp://`.
 */
function stratumUri(account: Account, type: 'auto' | 'yandex' | 'motp' = 'auto'): string {
  const path = encodeURIComponent(account.label === '' ? account.issuer : `${account.issuer}:${account.label}`);
  if (type === 'motp') return `motp://${account.issuer}:${account.label}?secret=${account.secret}`;
  const host = type === 'yandex' ? 'yaotp' : account.type === 'hotp' ? 'hotp' : 'totp';
  let uri = `otpauth://${host}/${path}?secret=${account.secret}&issuer=${encodeURIComponent(account.issuer)}`;
  if (account.algorithm !== 'SHA1') uri += `&algorithm=${account.algorithm}`;
  if (account.digits !== (account.steam ? 5 : 6)) uri += `&digits=${account.digits}`;
  if (account.type === 'totp' && !account.steam && account.period !== 30) uri += `&period=${account.period}`;
  if (account.type === 'hotp') uri += `&counter=${account.counter}`;
  if (account.steam && account.issuer !== 'Steam') uri += '&steam';
  return uri;
}

const all = expectedAccounts();
const steamNamedSteam = createAccount({
  type: 'totp',
  steam: true,
  secret: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA',
  issuer: 'Steam',
  label: 'gamer',
});

describe('Authenticator Pro backup (unencrypted JSON)', () => {
  it('reads all seven expected accounts, field by field', async () => {
    const result = await importAccounts('backup-2026-01-01.authpro', json(backupOf(all.map((a) => authenticator(a)))));
    expectWholeImport(result, 'authenticator-pro', 7, all);
  });

  it('is recognised by its content alone, and a missing Username names the account after its issuer', async () => {
    const deno = byIssuer('Deno')[0]!;
    const result = await importAccounts('x.json', json({ Authenticators: [authenticator(deno, { Username: null })] }));
    expectAccounts(result.accounts, [{ ...deno, label: 'Deno' }]);
  });

  it('rejects mOTP, Yandex and unknown types, and unknown algorithms, by name and with the reason', async () => {
    const deno = byIssuer('Deno')[0]!;
    const file = backupOf([
      authenticator(deno, { Type: TYPE.motp, Secret: 'a1b2c3d4e5f60718', Pin: '1234', Issuer: 'VPN' }),
      authenticator(deno, { Type: TYPE.yandex, Pin: '5678', Issuer: 'Yandex' }),
      authenticator(deno, { Type: 9, Issuer: 'Future' }),
      authenticator(deno, { Algorithm: 3, Issuer: 'MD5' }),
      authenticator(deno, { Type: 'TOTP', Issuer: 'Text type' }),
      authenticator(deno),
    ]);
    const result = await importAccounts('b.authpro', json(file));
    expectPartialImport(result, {
      accounts: [deno],
      rejected: [
        {
          entry: 'entry 1 (VPN: Mason)',
          code: 'unsupported-type',
          reason: 'mOTP codes from Authenticator Pro are not supported; only TOTP, HOTP and Steam are.',
        },
        {
          entry: 'entry 2 (Yandex: Mason)',
          code: 'unsupported-type',
          reason: 'Yandex codes from Authenticator Pro are not supported; only TOTP, HOTP and Steam are.',
        },
        { entry: 'entry 3 (Future: Mason)', code: 'unsupported-type', reason: expect.stringContaining('Type 9 codes') },
        { entry: 'entry 4 (MD5: Mason)', code: 'bad-algorithm', reason: expect.stringContaining('"3"') },
        {
          entry: 'entry 5 (Text type: Mason)',
          code: 'bad-entry',
          reason: 'The entry\'s "Type" should be a whole number.',
        },
      ],
    });
  });

  it('never fails with anything but a typed error, whatever a value is replaced with', {
    timeout: 60_000,
  }, async () => {
    await fuzzDocument('b.authpro', backupOf(all.map((a) => authenticator(a))) as Json, 500);
  });
});

describe('Authenticator Pro URI list export (read by the otpauth:// text importer)', () => {
  const lines = [...all, steamNamedSteam].map((a) => stratumUri(a));

  it('the links are as Stratum writes them (one checked by hand against its urilist.txt)', () => {
    expect(stratumUri(byIssuer('Air Canada')[0]!)).toBe(
      'otpauth://hotp/Air%20Canada%3ABenjamin?secret=KUVJJOM753IHTNDSZVCNKL7GII&issuer=Air%20Canada&algorithm=SHA256&digits=7&counter=50',
    );
    expect(stratumUri(byIssuer('Boeing')[0]!)).toBe(
      'otpauth://totp/Boeing%3ASophia?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Boeing&steam',
    );
  });

  it('reads every account, Steam ones included (marked `&steam`, or issued by "Steam" with no digits)', async () => {
    const result = await importAccounts('authenticator-pro.txt', bytes(`${lines.join('\n')}\n`));
    expectWholeImport(result, 'otpauth-text', 8, [...all, steamNamedSteam]);
  });

  it('rejects its mOTP and Yandex lines with the reason', async () => {
    const deno = byIssuer('Deno')[0]!;
    const text = [stratumUri(deno, 'motp'), stratumUri(deno, 'yandex'), stratumUri(deno)].join('\r\n');
    const result = await importAccounts('authenticator-pro.txt', bytes(text));
    expectPartialImport(result, {
      accounts: [deno],
      rejected: [
        {
          entry: 'line 1',
          code: 'unsupported-type',
          reason: 'mOTP codes are not supported; only TOTP, HOTP and Steam are.',
        },
        { entry: 'line 2', code: 'bad-type', reason: expect.stringContaining('"yaotp" codes are not supported') },
      ],
    });
  });

  it('a TOTP link of any other issuer with five digits is still refused, not taken for Steam', async () => {
    const text = 'otpauth://totp/ACME:bob?secret=JBSWY3DPEHPK3PXP&issuer=ACME&digits=5';
    const result = await importAccounts('x.txt', bytes(text));
    expect(result.report.rejected).toEqual([{ entry: 'line 1', code: 'bad-digits', reason: expect.any(String) }]);
  });
});

import { describe, expect, it } from 'vitest';
import { createAccount } from '../../../lib/account';
import { formatOtpauthUri, parseOtpauthUri } from '../../../lib/otp';

const KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('formatOtpauthUri', () => {
  it('writes secret first and every parameter explicitly, as Bitrix24 does', () => {
    const account = createAccount({ secret: KEY, issuer: 'company.bitrix24.com', label: 'anna@example.com' });
    expect(formatOtpauthUri(account)).toBe(
      `otpauth://totp/company.bitrix24.com:anna%40example.com?secret=${KEY}&issuer=company.bitrix24.com&algorithm=SHA1&digits=6&period=30`,
    );
  });

  it('HOTP writes the counter instead of the period', () => {
    const account = createAccount({
      type: 'hotp',
      secret: KEY,
      counter: 42,
      label: 'admin',
      digits: 8,
      algorithm: 'SHA512',
    });
    expect(formatOtpauthUri(account)).toBe(`otpauth://hotp/admin?secret=${KEY}&algorithm=SHA512&digits=8&counter=42`);
  });

  it('Steam is written as otpauth://steam/, as Aegis and 2FAS do', () => {
    const account = createAccount({ steam: true, secret: KEY, issuer: 'Steam', label: 'me' });
    expect(formatOtpauthUri(account)).toBe(
      `otpauth://steam/Steam:me?secret=${KEY}&issuer=Steam&algorithm=SHA1&digits=5&period=30`,
    );
  });

  it('escapes names so separators in them survive', () => {
    const account = createAccount({ secret: KEY, issuer: 'A&B Co', label: 'x?y#z' });
    const uri = formatOtpauthUri(account);
    expect(uri).toContain('A%26B%20Co:x%3Fy%23z?');
    expect(parseOtpauthUri(uri)).toEqual(account);
  });

  it('an issuer with a colon travels in the parameter alone', () => {
    const account = createAccount({ secret: KEY, issuer: 'a:b', label: 'bob' });
    expect(formatOtpauthUri(account)).toMatch(/^otpauth:\/\/totp\/:bob\?/);
    expect(parseOtpauthUri(formatOtpauthUri(account))).toEqual(account);
  });

  it('a label with a colon and no issuer is not misread as issuer:label', () => {
    const account = createAccount({ secret: KEY, label: 'host:22' });
    expect(parseOtpauthUri(formatOtpauthUri(account))).toEqual(account);
  });

  it('leaves local bindings (id, origins) out', () => {
    const account = createAccount({ id: 'x1', secret: KEY, label: 'bob', origins: ['https://company.bitrix24.com'] });
    const uri = formatOtpauthUri(account);
    expect(uri).not.toContain('bitrix24');
    expect(parseOtpauthUri(uri)).toEqual({ ...account, id: undefined, origins: [] });
  });
});

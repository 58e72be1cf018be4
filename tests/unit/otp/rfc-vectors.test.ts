import { Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { createAccount, type Algorithm } from '../../../lib/account';
import { codeAt } from '../../../lib/otp';

const ascii = (s: string) => Secret.fromLatin1(s).base32;

describe('RFC 4226 Appendix D (HOTP, SHA1)', () => {
  const account = createAccount({ type: 'hotp', secret: ascii('12345678901234567890'), counter: 0, label: 'rfc4226' });
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];

  it.each(expected.map((code, counter) => [counter, code] as const))('counter %i → %s', (counter, code) => {
    expect(codeAt(account, counter)).toBe(code);
  });
});

describe('RFC 6238 Appendix B (TOTP, 8 digits, 30 s)', () => {
  const seeds: Record<Algorithm, string> = {
    SHA1: '12345678901234567890',
    SHA256: '12345678901234567890123456789012',
    SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
  };
  const table: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  const cases = table.flatMap(([t, sha1, sha256, sha512]) => [
    [t, 'SHA1', sha1] as const,
    [t, 'SHA256', sha256] as const,
    [t, 'SHA512', sha512] as const,
  ]);

  it.each(cases)('T=%i %s → %s', (t, algorithm, code) => {
    const account = createAccount({ secret: ascii(seeds[algorithm]), algorithm, digits: 8, label: 'rfc6238' });
    expect(codeAt(account, t * 1000)).toBe(code);
    // Any millisecond within the same step gives the same code.
    expect(codeAt(account, t * 1000 + 999)).toBe(code);
  });
});

describe('Steam Guard (vectors published with KeePassXC and Authenticator Pro)', () => {
  it.each([
    [1511200518, 'FR8RV'],
    [1511200714, '9P3VP'],
  ])('T=%i → %s', (t, code) => {
    const account = createAccount({ steam: true, secret: '63BEDWCQZKTQWPESARIERL5DTTQFCJTK', label: 'steam' });
    expect(codeAt(account, t * 1000)).toBe(code);
  });

  it('all-zero key, steps 0 and 1', () => {
    const account = createAccount({ steam: true, secret: 'A'.repeat(32), label: 'steam' });
    expect(codeAt(account, 0)).toBe('RYH4D');
    expect(codeAt(account, 30_000)).toBe('DR2DK');
  });
});

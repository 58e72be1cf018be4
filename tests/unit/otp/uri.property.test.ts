import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatOtpauthUri, OtpUriError, parseOtpauthUri } from '../../../lib/otp';
import { accountArb } from './arbitraries';
import { fragment, mutate, mutationsArb } from './mutations';

/** Parsing may only ever succeed or throw `OtpUriError`: no TypeError, no other crash. */
function parsesOrRejects(uri: string): void {
  try {
    parseOtpauthUri(uri);
  } catch (error) {
    if (!(error instanceof OtpUriError)) throw error;
    expect(error.message).not.toMatch(/undefined|\[object/);
  }
}

describe('otpauth:// URI properties', { timeout: 120_000 }, () => {
  it('parse(format(account)) is the account', () => {
    fc.assert(
      fc.property(accountArb(), (account) => {
        expect(parseOtpauthUri(formatOtpauthUri(account))).toEqual(account);
      }),
      { numRuns: 2000 },
    );
  });

  it('format is canonical: format(parse(format(a))) === format(a)', () => {
    fc.assert(
      fc.property(accountArb(), (account) => {
        const uri = formatOtpauthUri(account);
        expect(formatOtpauthUri(parseOtpauthUri(uri))).toBe(uri);
      }),
      { numRuns: 500 },
    );
  });

  it('random strings only ever give OtpUriError', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), parsesOrRejects), { numRuns: 2000 });
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (tail) => parsesOrRejects(`otpauth://totp/${tail}`)),
      { numRuns: 2000 },
    );
  });

  it('strings assembled from URI fragments only ever give OtpUriError', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), (parts) => parsesOrRejects(parts.join(''))),
      { numRuns: 3000 },
    );
  });

  it('mutated valid URIs only ever give an account or OtpUriError', () => {
    fc.assert(
      fc.property(accountArb(), mutationsArb, (account, mutations) =>
        parsesOrRejects(mutate(formatOtpauthUri(account), mutations)),
      ),
      { numRuns: 3000 },
    );
  });

  it('huge inputs are refused quickly, not worked through', () => {
    const started = performance.now();
    expect(() => parseOtpauthUri(`otpauth://totp/${'%3A'.repeat(2_000_000)}?secret=JBSWY3DPEHPK3PXP`)).toThrow(
      OtpUriError,
    );
    expect(() => parseOtpauthUri(`otpauth://totp/x?${'&'.repeat(4000)}`)).toThrow(OtpUriError);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

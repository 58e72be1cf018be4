import { describe, expect, it } from 'vitest';
import {
  AccountError,
  createAccount,
  duplicateKey,
  normalizeSecret,
  sameSecret,
  type AccountErrorCode,
} from '../../../lib/account';

const KEY = 'JBSWY3DPEHPK3PXP';

function codeOf(run: () => unknown): AccountErrorCode | 'no error' {
  try {
    run();
    return 'no error';
  } catch (error) {
    if (error instanceof AccountError) return error.code;
    throw error;
  }
}

describe('createAccount', () => {
  it('fills defaults: TOTP, SHA1, 6 digits, 30 s, no issuer, no origins', () => {
    expect(createAccount({ secret: KEY, label: 'bob' })).toEqual({
      type: 'totp',
      secret: KEY,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      issuer: '',
      label: 'bob',
      origins: [],
    });
  });

  it('keeps the HOTP counter and resets the unused field of each type', () => {
    expect(createAccount({ type: 'hotp', secret: KEY, label: 'x', counter: 7, period: 60 })).toMatchObject({
      counter: 7,
      period: 30,
    });
    expect(createAccount({ type: 'totp', secret: KEY, label: 'x', counter: 7, period: 60 })).toMatchObject({
      counter: 0,
      period: 60,
    });
  });

  it('trims names and names an account after its issuer when it has no name', () => {
    expect(createAccount({ secret: KEY, issuer: ' ACME ', label: '  bob ' })).toMatchObject({
      issuer: 'ACME',
      label: 'bob',
    });
    expect(createAccount({ secret: KEY, issuer: 'ACME' })).toMatchObject({ issuer: 'ACME', label: 'ACME' });
  });

  it('binds to portal origins, de-duplicated; keeps the id', () => {
    const account = createAccount({
      id: 'a1',
      secret: KEY,
      label: 'x',
      origins: ['https://company.bitrix24.com', 'http://intranet.local:8080', 'https://company.bitrix24.com'],
    });
    expect(account.origins).toEqual(['https://company.bitrix24.com', 'http://intranet.local:8080']);
    expect(account.id).toBe('a1');
  });

  it('Steam accounts are TOTP with 5 characters and SHA1', () => {
    expect(createAccount({ steam: true, secret: KEY, label: 's' })).toMatchObject({
      type: 'totp',
      steam: true,
      digits: 5,
      algorithm: 'SHA1',
    });
    expect(createAccount({ steam: false, secret: KEY, label: 's' })).not.toHaveProperty('steam');
  });

  it.each([
    ['an unknown type', { type: 'motp' }, 'bad-type'],
    ['Steam HOTP', { type: 'hotp', steam: true, counter: 0 }, 'bad-type'],
    ['digits 4', { digits: 4 }, 'bad-digits'],
    ['digits 9', { digits: 9 }, 'bad-digits'],
    ['digits 6.5', { digits: 6.5 }, 'bad-digits'],
    ['digits NaN', { digits: Number.NaN }, 'bad-digits'],
    ['period 0', { period: 0 }, 'bad-period'],
    ['period Infinity', { period: Number.POSITIVE_INFINITY }, 'bad-period'],
    ['HOTP without counter', { type: 'hotp' }, 'bad-counter'],
    ['HOTP counter -1', { type: 'hotp', counter: -1 }, 'bad-counter'],
    ['HOTP counter 2^53', { type: 'hotp', counter: 2 ** 53 }, 'bad-counter'],
    ['algorithm MD5', { algorithm: 'MD5' }, 'bad-algorithm'],
    ['no label or issuer', { label: ' ' }, 'missing-label'],
    ['a lone surrogate in the label', { label: 'a\uD800' }, 'bad-label'],
    ['a tab in the issuer', { issuer: 'a\tb' }, 'bad-issuer'],
    ['an origin with a path', { origins: ['https://company.bitrix24.com/auth/'] }, 'bad-origin'],
    ['a non-web origin', { origins: ['ftp://company.bitrix24.com'] }, 'bad-origin'],
    ['an origin that is not a URL', { origins: ['company.bitrix24.com'] }, 'bad-origin'],
    ['upper-case host (not a serialised origin)', { origins: ['https://Company.bitrix24.com'] }, 'bad-origin'],
  ] as const)('rejects %s', (_, fields, code) => {
    expect(codeOf(() => createAccount({ secret: KEY, label: 'x', ...fields }))).toBe(code);
  });
});

describe('normalizeSecret', () => {
  it('accepts the spellings people type and returns canonical Base32', () => {
    expect(normalizeSecret('jbsw y3dp ehpk 3pxp')).toBe(KEY);
    expect(normalizeSecret(' JBSWY3DPEHPK3PXP \n')).toBe(KEY);
    expect(normalizeSecret('GEZDGNBVGY3TQOJQGE======')).toBe('GEZDGNBVGY3TQOJQGE');
  });

  it('canonicalises trailing bits a hand-made key may carry', () => {
    // "…GF" and "…GE" decode to the same 11 bytes; only the unused low bits differ.
    expect(normalizeSecret('GEZDGNBVGY3TQOJQGF')).toBe('GEZDGNBVGY3TQOJQGE');
  });

  it('points at the confusable digits', () => {
    expect(() => normalizeSecret('JBSWY3DPEHPK3PX0')).toThrow(/O, I and B/);
  });
});

describe('duplicates', () => {
  const a = createAccount({ secret: KEY, label: 'a' });
  it('same key and kind are duplicates whatever the names', () => {
    expect(sameSecret(a, createAccount({ secret: 'jbsw y3dp ehpk 3pxp', label: 'other', issuer: 'X' }))).toBe(true);
  });
  it('the same key as TOTP, HOTP and Steam is three accounts', () => {
    const hotp = createAccount({ type: 'hotp', counter: 0, secret: KEY, label: 'a' });
    const steam = createAccount({ steam: true, secret: KEY, label: 'a' });
    expect(new Set([a, hotp, steam].map(duplicateKey)).size).toBe(3);
  });
});

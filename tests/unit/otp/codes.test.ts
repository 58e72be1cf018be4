import { describe, expect, it } from 'vitest';
import { createAccount } from '../../../lib/account';
import { CodeError, codeAt, currentCode } from '../../../lib/otp';

const KEY = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 6238's SHA1 seed
const totp = createAccount({ secret: KEY, digits: 8, label: 't' });
const hotp = createAccount({ type: 'hotp', secret: KEY, counter: 3, label: 'h' });

describe('codeAt', () => {
  it('is pure: the same input gives the same code, an HOTP account is not advanced', () => {
    expect(codeAt(hotp, 3)).toBe('969429');
    expect(codeAt(hotp, 3)).toBe('969429');
    expect(hotp.counter).toBe(3);
  });

  it('handles periods from 1 s and step boundaries exactly', () => {
    const fast = createAccount({ secret: KEY, period: 1, digits: 8, label: 'f' });
    expect(codeAt(fast, 59_000)).toBe(
      codeAt(createAccount({ type: 'hotp', secret: KEY, counter: 59, digits: 8, label: 'h' }), 59),
    );
    expect(codeAt(totp, 59_999)).toBe('94287082');
    expect(codeAt(totp, 60_000)).not.toBe('94287082');
  });

  it.each([
    [totp, -1, 'bad-time'],
    [totp, Number.NaN, 'bad-time'],
    [totp, Number.POSITIVE_INFINITY, 'bad-time'],
    [totp, 2 ** 53, 'bad-time'],
    [hotp, -1, 'bad-counter'],
    [hotp, 1.5, 'bad-counter'],
    [hotp, 2 ** 53, 'bad-counter'],
  ] as const)('refuses %#: %s', (account, at, code) => {
    expect(() => codeAt(account, at)).toThrow(CodeError);
    try {
      codeAt(account, at);
    } catch (error) {
      expect((error as CodeError).code).toBe(code);
    }
  });
});

describe('currentCode', () => {
  it('reads the injected clock for TOTP and says when the code expires', () => {
    expect(currentCode(totp, () => 59_000)).toEqual({ code: '94287082', expiresAt: 60_000 });
    expect(currentCode(totp, () => 1_111_111_109_000)).toEqual({ code: '07081804', expiresAt: 1_111_111_110_000 });
  });

  it('uses the stored counter for HOTP and never reads the clock', () => {
    const clock = () => {
      throw new Error('clock read');
    };
    expect(currentCode(hotp, clock)).toEqual({ code: '969429', expiresAt: null });
  });

  it('defaults to the system clock', () => {
    const before = Date.now();
    const { code } = currentCode(totp);
    const after = Date.now();
    expect([codeAt(totp, before), codeAt(totp, after)]).toContain(code);
  });
});

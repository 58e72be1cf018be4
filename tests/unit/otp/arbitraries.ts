import fc from 'fast-check';
import { Secret } from 'otpauth';
import { createAccount, type Account } from '../../../lib/account';

/** Characters that stress URI and protobuf encoding: separators, escapes, non-ASCII, astral. */
const TRICKY = [':', '%', '%3A', '+', '&', '=', '?', '#', '/', '@', ' ', 'é', 'ß', 'Ж', '漢', '😀', '\u00a0'];
const textUnit = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);
const rawText = (maxLength: number) => fc.string({ unit: textUnit, maxLength });

/** A valid account name: what `normalizeLabel` keeps (trimmed, non-empty, no controls). */
export const labelArb = rawText(40)
  .map((s) => s.trim())
  .filter((s) => s !== '' && !/\p{Cc}/u.test(s));
export const issuerArb = fc.oneof(fc.constant(''), labelArb);

export const secretBytesArb = fc.uint8Array({ minLength: 10, maxLength: 64 });
export const base32Of = (bytes: Uint8Array): string => new Secret({ buffer: new Uint8Array(bytes).buffer }).base32;

export interface AccountShape {
  algorithms?: readonly ('SHA1' | 'SHA256' | 'SHA512')[];
  digits?: readonly number[];
  periods?: fc.Arbitrary<number>;
  steam?: boolean;
}

/** Valid, normalised accounts (no id, no origins: what parsers produce). */
export function accountArb(shape: AccountShape = {}): fc.Arbitrary<Account> {
  const algorithms = shape.algorithms ?? ['SHA1', 'SHA256', 'SHA512'];
  const digits = shape.digits ?? [6, 7, 8];
  const periods =
    shape.periods ??
    fc.oneof(fc.constant(30), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 2_147_483_647 }));
  const common = {
    secret: secretBytesArb.map(base32Of),
    algorithm: fc.constantFrom(...algorithms),
    digits: fc.constantFrom(...digits),
    issuer: issuerArb,
    label: labelArb,
  };
  const totp = fc.record({ ...common, type: fc.constant('totp'), period: periods });
  const hotp = fc.record({
    ...common,
    type: fc.constant('hotp'),
    counter: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.maxSafeNat()),
  });
  const steam = fc.record({
    secret: common.secret,
    issuer: issuerArb,
    label: labelArb,
    type: fc.constant('totp'),
    steam: fc.constant(true),
  });
  const kinds = shape.steam === false ? [totp, hotp] : [totp, hotp, steam];
  return fc.oneof(...kinds).map((input) => createAccount(input));
}

/** What Google Authenticator can hold: 6 or 8 digits, 30 s, no Steam. */
export const migratableArb = accountArb({ digits: [6, 8], periods: fc.constant(30), steam: false });

import fc from 'fast-check';

/** URI pieces that reach the parsers' edge cases when glued together at random. */
export const fragment = fc.constantFrom(
  'otpauth://',
  'totp',
  'hotp',
  'steam',
  '/',
  ':',
  '%3A',
  '%',
  '%E0%A4',
  '?',
  '&',
  '=',
  '+',
  '#',
  'secret=',
  'issuer=',
  'algorithm=',
  'digits=',
  'period=',
  'counter=',
  'encoder=steam',
  'JBSWY3DPEHPK3PXP',
  'jbsw y3dp',
  '====',
  'SHA1',
  'SHA256',
  'sha512',
  'MD5',
  '6',
  '8',
  '0',
  '-1',
  '9007199254740993',
  '1e3',
  'ß',
  '😀',
  '\uD800',
  '\u0000',
  ' ',
);

/** Single-character edits and splices, the damage a bad copy, OCR or a hostile QR code does. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fragment, fc.string({ unit: 'binary', maxLength: 3 })),
  }),
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.nat(),
    text: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
);
export type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

export function mutate(text: string, mutations: Mutation[]): string {
  let s = text;
  for (const m of mutations) {
    const at = s.length === 0 ? 0 : m.at % (s.length + 1);
    switch (m.kind) {
      case 'delete':
        s = s.slice(0, at) + s.slice(at + 1);
        break;
      case 'insert':
        s = s.slice(0, at) + m.text + s.slice(at);
        break;
      case 'replace':
        s = s.slice(0, at) + m.text + s.slice(at + 1);
        break;
      case 'truncate':
        s = s.slice(0, at);
        break;
      case 'repeat':
        s = s.slice(0, at) + s.slice(at, at + m.length).repeat(2) + s.slice(at + m.length);
        break;
    }
  }
  return s;
}
export const mutationsArb = fc.array(mutation, { minLength: 1, maxLength: 6 });

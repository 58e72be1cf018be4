import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeRecoveryCode, parseRecoveryCodes, RECOVERY_CODE_PATTERN } from '../../../lib/recovery';

const CODES = [
  'ab12-cd34',
  'ef56-gh78',
  '0000-zzzz',
  'k9l8-m7n6',
  'p1q2-r3s4',
  't5u6-v7w8',
  'x9y0-z1a2',
  'b3c4-d5e6',
  'f7g8-h9i0',
  'j1k2-l3m4',
];

/** Exactly what Bitrix24's "Save to text file" writes. */
const bitrixFile = (codes: readonly string[]) => codes.map((code, i) => `${i + 1}. ${code}\r\n`).join('');

describe('parseRecoveryCodes', () => {
  it("reads Bitrix24's recovery_codes.txt", () => {
    expect(parseRecoveryCodes(bitrixFile(CODES))).toEqual({ codes: CODES, rejected: [], duplicates: 0 });
  });

  it('reads the file with a BOM, LF or CR line ends, and blank lines', () => {
    const text = `\uFEFF${bitrixFile(CODES.slice(0, 3)).replace(/\r\n/g, '\n')}\n\n4. k9l8-m7n6\r5. p1q2-r3s4`;
    expect(parseRecoveryCodes(text).codes).toEqual(CODES.slice(0, 5));
  });

  it.each([
    ['one per line, upper case', 'AB12-CD34\nEF56-GH78', ['ab12-cd34', 'ef56-gh78']],
    ['a space instead of the hyphen', 'ab12 cd34\n  EF56  GH78  ', ['ab12-cd34', 'ef56-gh78']],
    ['no separator', 'ab12cd34', ['ab12-cd34']],
    ['typographic dashes', 'ab12\u2013cd34 ef56\u2014gh78 0000\u2212zzzz', ['ab12-cd34', 'ef56-gh78', '0000-zzzz']],
    ['full-width characters', '\uFF41\uFF42\uFF11\uFF12-\uFF43\uFF44\uFF13\uFF14', ['ab12-cd34']],
    ['numbered with ) and #', '1) ab12-cd34\n#2 ef56-gh78\n3: 0000-zzzz', ['ab12-cd34', 'ef56-gh78', '0000-zzzz']],
    [
      'bullets',
      '- ab12-cd34\n* ef56-gh78\n• 0000-zzzz\n- 1. k9l8-m7n6',
      ['ab12-cd34', 'ef56-gh78', '0000-zzzz', 'k9l8-m7n6'],
    ],
    [
      'several on a line',
      'ab12-cd34, ef56-gh78; 0000-zzzz | k9l8-m7n6',
      ['ab12-cd34', 'ef56-gh78', '0000-zzzz', 'k9l8-m7n6'],
    ],
    [
      'a printed two-column list',
      '1. ab12-cd34    6. t5u6-v7w8\n2. ef56-gh78    7. x9y0-z1a2',
      ['ab12-cd34', 't5u6-v7w8', 'ef56-gh78', 'x9y0-z1a2'],
    ],
    ['quoted or ending a sentence', '"ab12-cd34" and (ef56-gh78).', ['ab12-cd34', 'ef56-gh78']],
    ['a four-digit half first', '1234 abcd', ['1234-abcd']],
  ])('reads %s', (_name, text, codes) => {
    expect(parseRecoveryCodes(text).codes).toEqual(codes);
  });

  it('takes unhyphenated codes only when no code in the text has its hyphen', () => {
    const relaxed = parseRecoveryCodes('Bitrix24 recovery codes\nAB12CD34\nef56 gh78 2. 0000zzzz');
    expect(relaxed.codes).toEqual(['ab12-cd34', 'ef56-gh78', '0000-zzzz']);
    expect(relaxed.rejected.map((r) => r.input)).toEqual(['Bitrix24 recovery codes']);
    const mixed = parseRecoveryCodes('Bitrix24 recovery codes\nab12-cd34\nef56gh78\nthis junk line');
    expect(mixed.codes).toEqual(['ab12-cd34']);
    expect(mixed.rejected.map((r) => r.input)).toEqual(['Bitrix24 recovery codes', 'ef56gh78', 'this junk line']);
  });

  it('deduplicates, keeping the first position, and counts the repeats', () => {
    expect(parseRecoveryCodes('ab12-cd34\nef56-gh78\nAB12-CD34\nab12\u2013cd34')).toEqual({
      codes: ['ab12-cd34', 'ef56-gh78'],
      rejected: [],
      duplicates: 2,
    });
  });

  it('reports a line without any code as one rejection, saying why', () => {
    const result = parseRecoveryCodes('Bitrix24 recovery codes\n1. ab12-cd34');
    expect(result.codes).toEqual(['ab12-cd34']);
    expect(result.rejected).toEqual([
      {
        input: 'Bitrix24 recovery codes',
        code: 'not-a-code',
        reason: expect.stringMatching(/four letters or digits, a hyphen/),
      },
    ]);
  });

  it('reports each unreadable word on a line that also has codes', () => {
    const result = parseRecoveryCodes('ab12-cd34 ab12-cd3 ab!2-cd34 abc-defgh');
    expect(result.codes).toEqual(['ab12-cd34']);
    expect(result.rejected.map((r) => [r.input, r.code])).toEqual([
      ['ab12-cd3', 'not-a-code'],
      ['ab!2-cd34', 'bad-character'],
      ['abc-defgh', 'not-a-code'],
    ]);
  });

  it('rejects near misses instead of guessing', () => {
    for (const text of ['ab12-cd345', 'ab1-cd34', 'ab12--cd34', 'ab12-cd34-ef56', 'ab12_cd34_x', '123456789']) {
      const result = parseRecoveryCodes(text);
      expect(result.codes).toEqual([]);
      expect(result.rejected).toHaveLength(1);
    }
  });

  it('an empty or blank text gives nothing and rejects nothing', () => {
    expect(parseRecoveryCodes('')).toEqual({ codes: [], rejected: [], duplicates: 0 });
    expect(parseRecoveryCodes(' \r\n\t\n')).toEqual({ codes: [], rejected: [], duplicates: 0 });
  });

  it('refuses absurdly long text at once, and bounds what it reports', () => {
    const huge = parseRecoveryCodes('x'.repeat(100_000));
    expect(huge.codes).toEqual([]);
    expect(huge.rejected).toEqual([expect.objectContaining({ code: 'too-long' })]);
    expect(huge.rejected[0]?.input.length).toBeLessThan(70);

    const junk = parseRecoveryCodes(
      ['ab12-cd34', ...Array.from({ length: 500 }, (_, i) => `junk line ${i}`)].join('\n'),
    );
    expect(junk.rejected).toHaveLength(50);
    const long = parseRecoveryCodes(`ab12-cd34 ${'y'.repeat(1000)}`);
    expect(long.rejected[0]?.input.length).toBeLessThan(70);
  });
});

describe('parseRecoveryCodes properties', () => {
  const codeArb = fc.stringMatching(/^[a-z0-9]{4}-[a-z0-9]{4}$/);
  const codesArb = fc.uniqueArray(codeArb, { minLength: 1, maxLength: 12 });

  it('reads back any Bitrix24 file exactly', () => {
    fc.assert(
      fc.property(codesArb, (codes) => {
        expect(parseRecoveryCodes(bitrixFile(codes))).toEqual({ codes, rejected: [], duplicates: 0 });
      }),
      { numRuns: 300 },
    );
  });

  it('reads back codes however they are laid out and cased', () => {
    const layoutArb = fc.record({
      separator: fc.constantFrom('\n', '\r\n', ' ', ', ', '; ', '\t'),
      dash: fc.constantFrom('-', ' ', '', '\u2013'),
      upper: fc.boolean(),
      numbered: fc.boolean(),
    });
    fc.assert(
      fc.property(codesArb, layoutArb, (codes, layout) => {
        const lines = codes.map((code, i) => {
          let text = code.replace('-', layout.dash);
          if (layout.upper) text = text.toUpperCase();
          return layout.numbered && layout.separator.includes('\n') ? `${i + 1}. ${text}` : text;
        });
        expect(parseRecoveryCodes(lines.join(layout.separator)).codes).toEqual(codes);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws, and everything it returns is a canonical code', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const { codes, rejected } = parseRecoveryCodes(text);
        for (const code of codes) expect(code).toMatch(RECOVERY_CODE_PATTERN);
        expect(new Set(codes).size).toBe(codes.length);
        expect(rejected.length).toBeLessThanOrEqual(50);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('normalizeRecoveryCode', () => {
  it('canonicalises one code, or says it is none', () => {
    expect(normalizeRecoveryCode(' AB12-cd34 ')).toBe('ab12-cd34');
    expect(normalizeRecoveryCode('ab12 cd34')).toBe('ab12-cd34');
    expect(normalizeRecoveryCode('ab12cd34')).toBe('ab12-cd34');
    expect(normalizeRecoveryCode('ab12-cd3')).toBeNull();
    expect(normalizeRecoveryCode('ab12cd34', { strict: true })).toBeNull();
    expect(normalizeRecoveryCode('AB12\u2010CD34', { strict: true })).toBe('ab12-cd34');
    expect(normalizeRecoveryCode('ab1O-cd34')).toBe('ab1o-cd34');
    expect(normalizeRecoveryCode('')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { isRecoveryCodeSet, markUnused, newCodeSet, summarize, takeFirstUnused } from '../../../lib/recovery';

describe('recovery code bookkeeping', () => {
  it('takes codes in order, stamps them, and puts them back', () => {
    const set = newCodeSet(['aaaa-1111', 'bbbb-2222'], 10);
    const first = takeFirstUnused(set, 20);
    expect(first?.code).toBe('aaaa-1111');
    expect(first?.next.codes).toEqual([
      { code: 'aaaa-1111', used: true, usedAt: 20 },
      { code: 'bbbb-2222', used: false },
    ]);
    expect(set.codes[0]?.used).toBe(false);
    const second = takeFirstUnused(first?.next ?? set, 30);
    expect(second?.code).toBe('bbbb-2222');
    expect(takeFirstUnused(second?.next ?? set, 40)).toBeNull();
    expect(markUnused(second?.next ?? set, 'aaaa-1111')?.codes[0]).toEqual({ code: 'aaaa-1111', used: false });
    expect(markUnused(set, 'cccc-3333')).toBeNull();
  });

  it('warns at the threshold and not before; never with no codes', () => {
    const ten = newCodeSet(
      Array.from({ length: 10 }, (_, i) => `code-000${i}`),
      0,
    );
    expect(summarize(ten)).toMatchObject({ total: 10, remaining: 10, warn: false });
    let set = ten;
    for (let i = 0; i < 7; i++) set = takeFirstUnused(set, 1)?.next ?? set;
    expect(summarize(set)).toMatchObject({ remaining: 3, warn: true });
    expect(summarize(set, 2)).toMatchObject({ remaining: 3, warn: false });
    expect(summarize(null)).toEqual({ total: 0, remaining: 0, warn: false, codes: [] });
  });

  it('checks the shape of sets read back', () => {
    expect(isRecoveryCodeSet(newCodeSet(['aaaa-1111'], 5))).toBe(true);
    expect(isRecoveryCodeSet({ codes: [{ code: 'aaaa-1111', used: true, usedAt: 1 }], importedAt: 0 })).toBe(true);
    for (const bad of [
      null,
      { codes: [], importedAt: -1 },
      { codes: [{ code: 'AAAA-1111', used: false }], importedAt: 0 },
      { codes: [{ code: 'aaaa-1111', used: 'no' }], importedAt: 0 },
      { codes: [{ code: 'aaaa-1111', used: false, usedAt: 3 }], importedAt: 0 },
      {
        codes: [
          { code: 'aaaa-1111', used: false },
          { code: 'aaaa-1111', used: false },
        ],
        importedAt: 0,
      },
      { codes: Array.from({ length: 101 }, () => ({ code: 'aaaa-1111', used: false })), importedAt: 0 },
    ]) {
      expect(isRecoveryCodeSet(bad)).toBe(false);
    }
  });
});

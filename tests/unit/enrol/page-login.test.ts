import { describe, expect, it } from 'vitest';
import { MAX_LABEL_LENGTH } from '@/lib/account/limits';
import { pageLogin, replacedLabel, sameLogin } from '@/lib/enrol';

describe('a login as the enrolment page gives it', () => {
  it.each([
    ['alice\u200b', 'alice'],
    ['\u202eecila', 'ecila'],
    ['ａｌｉｃｅ', 'alice'],
    ['  alice  ', 'alice'],
    ['José', 'José'],
  ])('%j reads as %j', (raw, read) => {
    expect(pageLogin(raw)).toBe(read);
  });

  it('is the same login when the user could not tell the two apart', () => {
    expect(sameLogin('Alice', 'ali\u200dce')).toBe(true);
    expect(sameLogin('alice', 'alice2')).toBe(false);
  });
});

describe('the name a replaced account keeps', () => {
  const mark = (label: string) => `${label} (replaced 2026-12-02)`;

  it('is the old name with the mark', () => {
    expect(replacedLabel('alice', mark)).toBe('alice (replaced 2026-12-02)');
  });

  it('stays within the name limit, the old name cut', () => {
    const renamed = replacedLabel('a'.repeat(MAX_LABEL_LENGTH), mark);
    expect(renamed).toHaveLength(MAX_LABEL_LENGTH);
    expect(renamed.endsWith('… (replaced 2026-12-02)')).toBe(true);
  });

  it('never cuts a character in half: an emoji at the cut goes whole', () => {
    const room = MAX_LABEL_LENGTH - mark('').length;
    // The emoji's two UTF-16 units straddle the last unit the cut keeps.
    const label = `${'a'.repeat(room - 2)}😀${'b'.repeat(10)}`;
    const renamed = replacedLabel(label, mark);
    expect(renamed).toBe(`${'a'.repeat(room - 2)}… (replaced 2026-12-02)`);
    expect(renamed.isWellFormed()).toBe(true);
  });
});

describe('what the login comparison does not cover', () => {
  it('a letter of another script that looks the same is another login (documented in docs/security.md)', () => {
    expect(sameLogin('\u0430lice', 'alice')).toBe(false);
  });
});

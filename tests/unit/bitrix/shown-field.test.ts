// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isPlainlyShown, isShownToUser, PLAINLY_SHOWN } from '@/lib/bitrix';

const shown = { width: 300, height: 32, opacity: 1, onTop: true };

describe('isPlainlyShown', () => {
  it('takes a sign-in field of real size, opaque, in view and on top', () => {
    expect(isPlainlyShown(shown)).toBe(true);
    expect(isPlainlyShown({ ...shown, ...PLAINLY_SHOWN })).toBe(true);
  });

  it.each([
    ['shrunk to a pixel', { width: 1, height: 1 }],
    ['too narrow to read a code', { width: 40 }],
    ['too low to read a code', { height: 8 }],
    ['transparent', { opacity: 0 }],
    ['faded out', { opacity: 0.2 }],
    ['off screen or covered by something else', { onTop: false }],
  ])('refuses a field %s', (_what, change) => {
    expect(isPlainlyShown({ ...shown, ...change })).toBe(false);
  });
});

describe('isShownToUser', () => {
  it('refuses a hidden field before measuring anything', () => {
    document.body.innerHTML = '<input name="USER_OTP" type="hidden"><input name="b" style="display:none">';
    for (const input of document.querySelectorAll('input')) expect(isShownToUser(input)).toBe(false);
  });
});

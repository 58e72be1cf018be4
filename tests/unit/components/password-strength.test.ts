import { describe, expect, it } from 'vitest';
import { passwordProblem, DEFAULT_PASSWORD_POLICY } from '@/components/shared/password-policy';
import { strengthOf } from '@/components/shared/password-strength';

describe('password strength', () => {
  it.each([
    ['', 0],
    ['password', 0],
    ['Password123!', 0],
    ['aaaaaaaaaaaaaaaa', 0],
    ['abcdefgh12345678', 0],
    ['qwertyuiop', 0],
    ['пароль2024', 0],
    ['k7#Pq2', 1],
    ['Tr0ub4dor&3x', 3],
    ['correct horse battery', 2],
    ['correct horse battery staple', 3],
    ['Velvet-Otter-Kettle-Moon-93', 4],
  ])('%j is %i', (password, strength) => expect(strengthOf(password)).toBe(strength));

  it('grows with length', () => {
    const scores = ['xk4', 'xk4mq9', 'xk4mq9wz', 'xk4mq9wzr2tb', 'xk4mq9wzr2tbhs7v'].map(strengthOf);
    expect(scores).toEqual([...scores].sort());
    expect(scores[0]).toBeLessThan(scores[4]!);
  });
});

describe('new password rules', () => {
  it('length first, then strength (when a policy asks), then the confirmation', () => {
    expect(passwordProblem('short', 'short', DEFAULT_PASSWORD_POLICY)).toMatchObject({
      field: 'password',
      key: 'passwordTooShort',
      substitutions: ['8'],
    });
    expect(passwordProblem('longenough', 'longenougH', DEFAULT_PASSWORD_POLICY)).toMatchObject({ field: 'confirm' });
    expect(passwordProblem('password1', 'password1', DEFAULT_PASSWORD_POLICY)).toBeNull();
    expect(passwordProblem('password1', 'password1', { minLength: 8, minStrength: 2 })).toMatchObject({
      key: 'passwordTooWeak',
    });
    // Characters, not UTF-16 units: an emoji counts once.
    expect(passwordProblem('😀😀😀😀', '😀😀😀😀', { minLength: 5, minStrength: 0 })).toMatchObject({
      key: 'passwordTooShort',
    });
  });
});

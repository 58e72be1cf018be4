import { describe, expect, it } from 'vitest';
import { nextFillStep, pickCardAccount } from '@/lib/fill';

describe('the TOTP step to fill (Bitrix refuses a step it has already accepted)', () => {
  it('is the clock’s step the first time, and whenever the clock has moved past the last fill', () => {
    expect(nextFillStep(1000, undefined)).toBe(1000);
    expect(nextFillStep(1001, 1000)).toBe(1001);
  });

  it('is the next step for a second sign-in within the same step', () => {
    expect(nextFillStep(1000, 1000)).toBe(1001);
  });

  it('never goes further ahead than the next step: a code filled but not submitted must not push later ones out of the window', () => {
    expect(nextFillStep(1000, 1001)).toBe(1001);
    expect(nextFillStep(1000, 1005)).toBe(1001);
    expect(nextFillStep(1001, 1001)).toBe(1002);
  });
});

describe('the account the modern page’s account card names', () => {
  const accounts = [
    { id: 'a', label: 'alice' },
    { id: 'b', label: 'bob' },
    { id: 'c', label: 'Carol Jones' },
  ];

  it('picks by login, whatever the case and spacing', () => {
    expect(pickCardAccount(accounts, { login: ' Alice ', name: 'Alice A.' })?.id).toBe('a');
  });

  it('falls back to the shown name, for accounts an enrolment could only name after the person', () => {
    expect(pickCardAccount(accounts, { login: 'cjones', name: 'Carol Jones' })?.id).toBe('c');
  });

  it('picks nothing when the card names none, or several, or there is no card', () => {
    expect(pickCardAccount(accounts, { login: 'dave', name: null })).toBeUndefined();
    expect(
      pickCardAccount([...accounts, { id: 'a2', label: 'ALICE' }], { login: 'alice', name: null }),
    ).toBeUndefined();
    expect(pickCardAccount(accounts, null)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { chooseFillAccount, type FillCandidate } from '@/lib/fill/choose-account';

const alice: FillCandidate = { id: 'a', type: 'totp', issuer: 'Acme', label: 'alice' };
const bob: FillCandidate = { id: 'b', type: 'hotp', issuer: 'Acme', label: 'bob' };
const dan: FillCandidate = { id: 'd', type: 'recovery', issuer: '', label: 'dan' };
const ask = { kind: 'otp', card: null, via: 'button' } as const;

describe('which account a fill uses', () => {
  it('the only account there is, not remembered as a choice', () => {
    expect(chooseFillAccount([alice], ask)).toEqual({ kind: 'account', account: alice, remember: false });
  });

  it('an account of recovery codes only gives no one-time code, but does give recovery codes', () => {
    expect(chooseFillAccount([dan], ask)).toEqual({ kind: 'refused', refusal: 'recovery-only' });
    expect(chooseFillAccount([alice, dan], ask)).toMatchObject({ kind: 'account', account: alice });
    expect(chooseFillAccount([dan], { ...ask, kind: 'recovery' })).toMatchObject({ account: dan });
  });

  it("the user's pick among several, remembered; a pick that is not bound here is refused", () => {
    expect(chooseFillAccount([alice, bob], { ...ask, accountId: 'b' })).toEqual({
      kind: 'account',
      account: bob,
      remember: true,
    });
    expect(chooseFillAccount([alice], { ...ask, accountId: 'elsewhere' })).toEqual({
      kind: 'refused',
      refusal: 'no-account',
    });
  });

  it("the page's card picks a one-time code among several, which is not the user's choice", () => {
    const card = { login: 'BOB', name: null };
    expect(chooseFillAccount([alice, bob], { ...ask, card })).toEqual({
      kind: 'account',
      account: bob,
      remember: false,
    });
  });

  it('for a recovery code the user always chooses, the card’s account first, then the last choice', () => {
    const card = { login: 'bob', name: null };
    expect(chooseFillAccount([alice, bob, dan], { ...ask, kind: 'recovery', card, lastChoice: 'd' })).toEqual({
      kind: 'choose',
      choices: [bob, dan, alice],
    });
  });

  it('the page’s button always asks among several; the shortcut and menu reuse the last choice', () => {
    expect(chooseFillAccount([alice, bob], { ...ask, lastChoice: 'b' })).toEqual({
      kind: 'choose',
      choices: [bob, alice],
    });
    for (const via of ['shortcut', 'menu'] as const)
      expect(chooseFillAccount([alice, bob], { ...ask, via, lastChoice: 'b' })).toEqual({
        kind: 'account',
        account: bob,
        remember: true,
      });
    expect(chooseFillAccount([alice, bob], { ...ask, via: 'menu', lastChoice: 'gone' })).toMatchObject({
      kind: 'choose',
    });
  });

  it('the popup names its account; without one it is refused, never guessed', () => {
    expect(chooseFillAccount([alice, bob], { ...ask, via: 'popup' })).toEqual({
      kind: 'refused',
      refusal: 'no-account',
    });
  });
});

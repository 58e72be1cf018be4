import { describe, expect, it } from 'vitest';
import { parseMessage } from '@/lib/protocol';

describe('the messages the account details screen sends', () => {
  it('account-update carries only a label, issuer and origins', () => {
    const message = {
      type: 'account-update',
      id: 'a1',
      patch: { label: 'alice', issuer: 'Acme', origins: ['https://x.bitrix24.com'] },
    };
    expect(parseMessage(message)).toEqual(message);
    expect(parseMessage({ type: 'account-update', id: 'a1', patch: {} })).toEqual({
      type: 'account-update',
      id: 'a1',
      patch: {},
    });
  });

  it.each([
    { type: 'account-update', id: 'a1', patch: { secret: 'JBSWY3DPEHPK3PXP' } },
    { type: 'account-update', id: 'a1', patch: { label: 7 } },
    { type: 'account-update', id: 'a1', patch: { origins: 'https://x.bitrix24.com' } },
    { type: 'account-update', id: 'a1', patch: null },
    { type: 'account-update', patch: { label: 'x' } },
    { type: 'hotp-resync', id: 'a1', counter: -1 },
    { type: 'hotp-resync', id: 'a1', counter: 1.5 },
    { type: 'hotp-resync', id: 'a1', counter: '3' },
  ])('refuses %j', (message) => expect(parseMessage(message)).toBeNull());

  it('hotp-resync takes a whole counter from 0', () => {
    expect(parseMessage({ type: 'hotp-resync', id: 'a1', counter: 0 })).toEqual({
      type: 'hotp-resync',
      id: 'a1',
      counter: 0,
    });
  });
});

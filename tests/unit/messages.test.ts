import { describe, expect, it } from 'vitest';
import { parseMessage } from '@/lib/messages';

describe('parseMessage', () => {
  it('accepts the protocol messages', () => {
    expect(parseMessage({ type: 'page-state', state: 'otp' })).toEqual({ type: 'page-state', state: 'otp' });
    expect(parseMessage({ type: 'get-tab-state', tabId: 7 })).toEqual({ type: 'get-tab-state', tabId: 7 });
  });

  it('drops extra fields a sender adds, so nothing unchecked reaches a handler', () => {
    expect(parseMessage({ type: 'page-state', state: 'otp', origin: 'https://evil.example' })).toEqual({
      type: 'page-state',
      state: 'otp',
    });
  });

  it.each([
    null,
    'page-state',
    {},
    { type: 'page-state', state: 'hacked' },
    { type: 'get-tab-state', tabId: '7' },
    { type: 'get-tab-state', tabId: 1.5 },
    { type: 'fill', code: '123456' },
  ])('rejects %j', (data) => expect(parseMessage(data)).toBeNull());
});

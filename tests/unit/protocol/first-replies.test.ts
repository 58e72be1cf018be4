import { describe, expect, it, vi } from 'vitest';
import { withFirstReplies, type Send } from '@/lib/protocol';

const sent = () => {
  const calls: unknown[] = [];
  const send = vi.fn(async (message: { type: string }) => {
    calls.push(message);
    return { ok: true, from: 'sent', type: message.type };
  }) as unknown as Send;
  return { send, calls };
};

describe('withFirstReplies', () => {
  it('answers the first message of a type with the reply already on its way, then sends as usual', async () => {
    const { send, calls } = sent();
    const first = withFirstReplies(send, { 'vault-status': Promise.resolve({ ok: true, state: 'unlocked' }) });
    expect(await first({ type: 'vault-status' })).toEqual({ ok: true, state: 'unlocked' });
    expect(calls).toEqual([]);
    expect(await first({ type: 'vault-status' })).toMatchObject({ from: 'sent' });
    expect(calls).toEqual([{ type: 'vault-status' }]);
  });

  it('sends messages with fields, and types it has no reply for', async () => {
    const { send, calls } = sent();
    const first = withFirstReplies(send, { 'accounts-list': Promise.resolve({ ok: true, accounts: [] }) });
    await first({ type: 'settings-get' });
    await first({ type: 'get-tab-state', tabId: 3 });
    expect(calls).toEqual([{ type: 'settings-get' }, { type: 'get-tab-state', tabId: 3 }]);
  });

  it('asks again when the early message failed (the background was still starting), and passes on no answer', async () => {
    const { send, calls } = sent();
    const first = withFirstReplies(send, {
      'vault-status': Promise.reject(new Error('Could not establish connection')),
      'settings-get': Promise.resolve(null),
    });
    expect(await first({ type: 'vault-status' })).toMatchObject({ from: 'sent' });
    expect(await first({ type: 'settings-get' })).toBeUndefined();
    expect(calls).toEqual([{ type: 'vault-status' }]);
    expect(await withFirstReplies(send, undefined)({ type: 'vault-lock' })).toMatchObject({ from: 'sent' });
  });
});

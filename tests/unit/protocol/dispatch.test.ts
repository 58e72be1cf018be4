import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, type Handlers, MESSAGES, type MessageType } from '@/lib/protocol';

type Raw = { kind: 'portal' | 'tab' | 'extension' | 'stranger' };
type Senders = { portal: { origin: string }; tab: Raw; extension: Raw };

const ok = async () => ({ ok: true }) as never;

/** Every handler answers `{ ok: true }` unless a test gives its own. */
function dispatcherWith(handlers: Partial<Handlers<Senders>>, log: string[] = []) {
  const all = Object.fromEntries(
    (Object.keys(MESSAGES) as MessageType[]).map((type) => [type, handlers[type] ?? ok]),
  ) as Handlers<Senders>;
  return createDispatcher<Raw, Senders>({
    senders: {
      portal: async (raw) => (raw.kind === 'portal' ? { origin: 'https://a.bitrix24.com' } : null),
      tab: async (raw) => (raw.kind === 'tab' ? raw : null),
      extension: async (raw) => (raw.kind === 'extension' ? raw : null),
    },
    handlers: all,
    effects: {
      'accounts-changed': async () => void log.push('accounts-changed'),
      'settings-changed': async () => void log.push('settings-changed'),
      'vault-unlocked': async () => void log.push('vault-unlocked'),
    },
    before: async () => void log.push('before'),
    toFailure: (error) => ({ ok: false, code: 'internal', message: String(error) }),
  });
}

const extension: Raw = { kind: 'extension' };

describe('the dispatcher', () => {
  it('leaves what is not a message of the protocol unanswered, for other listeners', () => {
    const dispatch = dispatcherWith({});
    expect(dispatch({ type: 'clipboard-doc-pending' }, extension)).toBeUndefined();
    expect(dispatch({ type: 'vault-unlock', password: 7 }, extension)).toBeUndefined();
    expect(dispatch(null, extension)).toBeUndefined();
  });

  it('refuses a sender of the wrong kind without running the handler', async () => {
    const handler = vi.fn(ok);
    const dispatch = dispatcherWith({ 'accounts-list': handler, 'fill-request': handler });
    expect(await dispatch({ type: 'accounts-list' }, { kind: 'portal' })).toBeNull();
    expect(await dispatch({ type: 'accounts-list' }, { kind: 'stranger' })).toBeNull();
    expect(await dispatch({ type: 'fill-request', kind: 'otp' }, extension)).toBeNull();
    expect(handler).not.toHaveBeenCalled();
  });

  it('hands the handler the parsed message and the sender as its resolver established it', async () => {
    const handler = vi.fn(ok);
    await dispatcherWith({ 'fill-request': handler })(
      { type: 'fill-request', kind: 'otp', origin: 'https://evil.example' },
      { kind: 'portal' },
    );
    expect(handler).toHaveBeenCalledWith({ type: 'fill-request', kind: 'otp' }, { origin: 'https://a.bitrix24.com' });
  });

  it('answers a thrown error as a failure, and runs no effect for it', async () => {
    const log: string[] = [];
    const dispatch = dispatcherWith(
      {
        'account-add': async () => {
          throw new Error('quota');
        },
      },
      log,
    );
    const reply = await dispatch({ type: 'account-add', uri: 'otpauth://x', origins: [] }, extension);
    expect(reply).toEqual({ ok: false, code: 'internal', message: 'Error: quota' });
    expect(log).toEqual(['before']);
  });

  it('runs the effects only once the handler is done, however long it takes', async () => {
    vi.useFakeTimers();
    try {
      const log: string[] = [];
      const dispatch = dispatcherWith(
        {
          'accounts-import': () =>
            new Promise((resolve) =>
              setTimeout(() => {
                log.push('imported');
                resolve({ ok: true, format: 'otpauth', imported: 800, duplicates: 0, rejected: [] });
              }, 5_000),
            ),
        },
        log,
      );
      const reply = dispatch({ type: 'accounts-import', fileName: 'a.txt', data: 'AA==' }, extension);
      await vi.advanceTimersByTimeAsync(4_999);
      expect(log).toEqual(['before']);
      await vi.advanceTimersByTimeAsync(1);
      expect(await reply).toMatchObject({ ok: true, imported: 800 });
      expect(log).toEqual(['before', 'imported', 'accounts-changed']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('runs each effect the table names for the message, and none for a failed reply', async () => {
    const log: string[] = [];
    const dispatch = dispatcherWith(
      {
        'vault-unlock': async ({ password }) =>
          password === 'right' ? { ok: true } : { ok: false, code: 'wrong-password', message: '' },
      },
      log,
    );
    await dispatch({ type: 'vault-unlock', password: 'wrong' }, extension);
    expect(log).toEqual(['before']);
    await dispatch({ type: 'vault-unlock', password: 'right' }, extension);
    await dispatch({ type: 'backup-import', text: '{}', password: 'p' }, extension);
    expect(log).toEqual(['before', 'before', 'vault-unlocked', 'before', 'accounts-changed', 'settings-changed']);
  });

  it('a failing effect does not turn a success into a failure', async () => {
    const dispatch = createDispatcher<Raw, Senders>({
      senders: { portal: async () => null, tab: async () => null, extension: async (raw) => raw },
      handlers: new Proxy({} as Handlers<Senders>, { get: () => ok }),
      effects: {
        'accounts-changed': async () => {
          throw new Error('icon');
        },
        'settings-changed': ok,
        'vault-unlocked': ok,
      },
      toFailure: () => ({ ok: false, code: 'internal', message: '' }),
    });
    expect(await dispatch({ type: 'account-delete', id: 'a1' }, extension)).toEqual({ ok: true });
  });
});

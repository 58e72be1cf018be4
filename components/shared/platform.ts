import type { Failure, Message, Reply } from '@/lib/messages';

/**
 * Sends one protocol message to the background. The entry points pass the browser's; tests pass a
 * fake background. The reply is `undefined` when no handler answered (e.g. an older background).
 */
export type Send = <M extends Message>(message: M) => Promise<Reply<M> | undefined>;

/** A reply that did not come, as a failure the UI can show like any other. */
export const NO_REPLY: Failure = { ok: false, code: 'no-reply', message: '' };

/**
 * Sends a message whose reply is a `Result`, turning a missing reply or a broken channel into a
 * failure, so callers handle exactly two cases.
 */
export async function request<M extends Message>(
  send: Send,
  message: M,
): Promise<Exclude<Reply<M>, undefined> | Failure> {
  try {
    const reply = await send(message);
    return (reply ?? NO_REPLY) as Exclude<Reply<M>, undefined> | Failure;
  } catch {
    return NO_REPLY;
  }
}

/** `send`, calling `onLocked` whenever a reply says the vault is locked (it auto-locked meanwhile). */
export function lockAware(send: Send, onLocked: () => void): Send {
  return async (message) => {
    const reply = await send(message);
    const failure = reply as { ok?: unknown; code?: unknown } | undefined;
    if (failure?.ok === false && failure.code === 'locked') onLocked();
    return reply;
  };
}

import type { Failure } from '@/lib/result';
import type { MessageOf, MessageType, ReplyOf, Send } from '@/lib/protocol';

/** The entry points pass the browser's (`makeSend`); tests pass a fake background. */
export type { Send };

/** A reply that did not come, as a failure the UI can show like any other. */
export const NO_REPLY: Failure = { ok: false, code: 'no-reply', message: '' };

/**
 * Sends a message whose reply is a `Result`, turning a missing reply or a broken channel into a
 * failure, so callers handle exactly two cases.
 */
export async function request<T extends MessageType>(send: Send, message: MessageOf<T>): Promise<ReplyOf<T> | Failure> {
  try {
    return (await send(message)) ?? NO_REPLY;
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

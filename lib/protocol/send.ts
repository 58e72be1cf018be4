import type { MessageOf, MessageType, ReplyOf } from './types';

/**
 * Sends one protocol message to the background and types its reply from the table. `undefined`:
 * nobody answered (a refused sender gets `null` from the background, typed away here as `undefined`).
 */
export type Send = <T extends MessageType>(message: MessageOf<T>) => Promise<ReplyOf<T> | undefined>;

/** The typed sender over a context's transport (`browser.runtime.sendMessage`, a test's fake). */
export function makeSend(transport: (message: unknown) => Promise<unknown>): Send {
  return async (message) => ((await transport(message)) ?? undefined) as never;
}

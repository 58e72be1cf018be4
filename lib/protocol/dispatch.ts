import type { Failure } from '../result';
import { type Effect, MESSAGES, type SenderKind } from './messages';
import { parseMessage } from './parse';
import type { MessageOf, MessageType, ReplyOf, SenderOf } from './types';

/** For each message type, its handler: the message, and the sender as its kind's resolver established it. */
export type Handlers<Senders extends Record<SenderKind, unknown>> = {
  [T in MessageType]: (message: MessageOf<T>, sender: Senders[SenderOf<T>]) => Promise<ReplyOf<T>>;
};

export interface DispatcherOptions<RawSender, Senders extends Record<SenderKind, unknown>> {
  /** Establishes who sent a message, from the browser's sender alone; null refuses the message. */
  senders: { [K in SenderKind]: (sender: RawSender) => Promise<Senders[K] | null> };
  handlers: Handlers<Senders>;
  /** Follow-up work for what a successful message changed, run after its handler finished. */
  effects: Record<Effect, () => Promise<void>>;
  /** Runs before each message (the background speaks the user's chosen language). */
  before?: () => Promise<void>;
  /** A thrown error as the failure the sender sees. */
  toFailure: (error: unknown) => Failure;
}

/**
 * The background's one entry for messages. `undefined`: not a message of this protocol (another
 * listener's, or malformed), left unanswered. `null`: refused, the sender may not send it. Otherwise
 * the handler's reply, or its error as a failure; a success then runs the entry's effects.
 */
export function createDispatcher<RawSender, Senders extends Record<SenderKind, unknown>>(
  options: DispatcherOptions<RawSender, Senders>,
): (data: unknown, sender: RawSender) => Promise<ReplyOf<MessageType> | null> | undefined {
  const { senders, handlers, effects, before, toFailure } = options;
  return (data, rawSender) => {
    const message = parseMessage(data);
    if (!message) return undefined;
    return (async () => {
      await before?.();
      const spec: { from: SenderKind; after?: readonly Effect[] } = MESSAGES[message.type];
      const sender = await senders[spec.from](rawSender).catch(() => null);
      if (sender === null) return null;
      const handler = handlers[message.type] as (m: typeof message, s: unknown) => Promise<ReplyOf<MessageType>>;
      const reply = await handler(message, sender).catch(toFailure);
      if (reply.ok) {
        for (const effect of spec.after ?? []) await effects[effect]().catch(() => undefined);
      }
      return reply;
    })();
  };
}

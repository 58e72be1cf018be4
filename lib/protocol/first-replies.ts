import type { Send } from './send';

/** Replies to messages already sent (the popup's first questions, sent before its UI loaded), by type. */
export type FirstReplies = Partial<Record<string, Promise<unknown>>>;

/**
 * `send`, except that the first message of a type in `replies` (with no fields but its type) takes
 * the reply already on its way instead of asking again; later ones are sent as usual.
 */
export function withFirstReplies(send: Send, replies: FirstReplies | undefined): Send {
  const waiting = new Map(Object.entries(replies ?? {}));
  return (async (message) => {
    const early = Object.keys(message).length === 1 ? waiting.get(message.type) : undefined;
    if (!early) return send(message);
    waiting.delete(message.type);
    try {
      return ((await early) ?? undefined) as never;
    } catch {
      // Sent too early (the background was still starting): ask again, now.
      return send(message);
    }
  }) as Send;
}

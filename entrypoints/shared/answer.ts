import type { Browser } from 'wxt/browser';

/**
 * A `runtime.onMessage` listener from a function that answers with a promise, or with `undefined`
 * to leave the message to others. It answers through `sendResponse`, which every version of both
 * browsers honours; a listener's returned promise is honoured only by recent Chromium. A handler
 * that fails answers `undefined`, which senders take as no answer.
 */
export function answering(
  handle: (data: unknown, sender: Browser.runtime.MessageSender) => Promise<unknown> | undefined,
) {
  return (data: unknown, sender: Browser.runtime.MessageSender, sendResponse: (reply: unknown) => void) => {
    const reply = handle(data, sender);
    if (!reply) return undefined;
    void reply.then(sendResponse, () => sendResponse(undefined));
    return true;
  };
}

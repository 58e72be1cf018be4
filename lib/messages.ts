import type { PageState } from './bitrix/page-state';

/**
 * The one message protocol between the extension's contexts. Content scripts may only report what
 * they see; the background derives the tab, origin and frame from the sender, never from a message.
 */
export type Message =
  /** content script → background: the page's state changed. */
  | { type: 'page-state'; state: PageState }
  /** popup → background: what the extension knows about a tab. */
  | { type: 'get-tab-state'; tabId: number };

export interface TabState {
  state: PageState;
  /** Origin of the frame that reported, as the browser gave it to the background. */
  origin: string;
  frameId: number;
}

export interface Replies {
  'page-state': { ok: true };
  /** Every frame of the tab that recognised something, the top frame first. */
  'get-tab-state': TabState[];
}

export type Reply<M extends Message> = Replies[M['type']];

const PAGE_STATES: readonly PageState[] = [
  'password', 'otp', 'recovery', 'enrol', 'recovery-codes', 'signed-in', 'none',
];

/** Messages arrive as untyped data; anything malformed is dropped before it reaches a handler. */
export function parseMessage(data: unknown): Message | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  switch (m.type) {
    case 'page-state':
      return PAGE_STATES.includes(m.state as PageState) ? { type: 'page-state', state: m.state as PageState } : null;
    case 'get-tab-state':
      return Number.isSafeInteger(m.tabId) ? { type: 'get-tab-state', tabId: m.tabId as number } : null;
    default:
      return null;
  }
}

import { pick, shape } from './checks';
import { MESSAGES } from './messages';
import type { Message, MessageType } from './types';

const isMessageType = (type: unknown): type is MessageType => typeof type === 'string' && Object.hasOwn(MESSAGES, type);

/**
 * Messages arrive as untyped data; anything malformed is dropped before it reaches a handler, and
 * only the fields a message type declares are passed on.
 */
export function parseMessage(data: unknown): Message | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type } = data as { type?: unknown };
  if (!isMessageType(type)) return null;
  const { fields } = MESSAGES[type];
  if (!shape(fields, { exact: false })(data)) return null;
  return { type, ...pick(fields, data as Record<string, unknown>) } as Message;
}

import type { ShapeOf } from './checks';
import type { MESSAGES } from './messages';

type Table = typeof MESSAGES;
export type MessageType = keyof Table;

/** A message of type `T`, as the table declares its fields. */
export type MessageOf<T extends MessageType> = { type: T } & ShapeOf<Table[T]['fields']>;
export type Message = { [T in MessageType]: MessageOf<T> }[MessageType];

export type ReplyOf<T extends MessageType> = NonNullable<Table[T]['reply']['reply']>;
export type Replies = { [T in MessageType]: ReplyOf<T> };
/** The reply to `M`. */
export type Reply<M extends { type: MessageType }> = ReplyOf<M['type']>;

/** Who may send messages of type `T`. */
export type SenderOf<T extends MessageType> = Table[T]['from'];

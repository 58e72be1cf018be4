export * from './messages';
export type * from './types';
export { parseMessage } from './parse';
export { createDispatcher, type Handlers, type DispatcherOptions } from './dispatch';
export type { ContentMessage, ContentReplies, ContentStringKey, ContentStrings } from './content';
export { CONTENT_STRING_KEYS } from './content';
export { makeSend, type Send } from './send';

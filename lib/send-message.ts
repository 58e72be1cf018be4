import { browser } from 'wxt/browser';
import type { Message, Reply } from './messages';

export function sendMessage<M extends Message>(message: M): Promise<Reply<M>> {
  return browser.runtime.sendMessage(message) as Promise<Reply<M>>;
}

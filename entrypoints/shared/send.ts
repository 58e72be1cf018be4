import { browser } from 'wxt/browser';
import { makeSend } from '@/lib/protocol';

/** The one way a page, the content script or the clipboard document talks to the background. */
export const sendToBackground = makeSend((message) => browser.runtime.sendMessage(message));

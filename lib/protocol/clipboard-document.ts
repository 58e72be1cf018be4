import { SETTING_RANGES } from '../settings';
import { int, text } from './checks';

/**
 * background → Chrome's offscreen clipboard document (the only context that can read the clipboard
 * without focus). Extension pages all hear runtime messages; only that document answers these.
 */
export type ClipboardDocumentMessage =
  | { type: 'clipboard-doc-clear-later'; code: string; afterMs: number }
  | { type: 'clipboard-doc-clear-now' }
  | { type: 'clipboard-doc-pending' };

export interface ClipboardDocumentReplies {
  'clipboard-doc-clear-later': { ok: true };
  'clipboard-doc-clear-now': { outcome: 'cleared' | 'kept' | 'nothing' };
  'clipboard-doc-pending': { pending: boolean };
}

const code = text(64);
// No longer than the settings allow: a far longer delay would overflow the browser's timer and fire at once.
const afterMs = int(0, SETTING_RANGES.clipboardClearSeconds.max * 1000);

export function parseClipboardDocumentMessage(data: unknown): ClipboardDocumentMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const message = data as Record<string, unknown>;
  const { type } = message;
  if (type === 'clipboard-doc-clear-later') {
    return code(message.code) && afterMs(message.afterMs)
      ? { type, code: message.code, afterMs: message.afterMs }
      : null;
  }
  if (type === 'clipboard-doc-clear-now' || type === 'clipboard-doc-pending') return { type };
  return null;
}

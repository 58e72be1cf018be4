/**
 * Taking a copied one-time code back out of the clipboard after a while, if it is still there.
 * The logic is pure (clipboard, timers and the document that waits are passed in);
 * `documentClipboard` is the way in for a page without focus.
 */
export {
  createClipboardClearer,
  type ClipboardAccess,
  type ClipboardClearer,
  type ClearOutcome,
} from './clipboard-clearer';
export type { Timers } from '../timers';
export { documentKeeper, type ClipboardDocument, type ClipboardKeeper } from './clipboard-keeper';
export { documentClipboard } from './document-clipboard';

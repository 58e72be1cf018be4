// Code passed to `worker.evaluate` runs in the extension's service worker, where `chrome` exists;
// code evaluated in Firefox's extension pages has `browser`.
import type { Browser } from '@wxt-dev/browser';

declare global {
  const chrome: typeof Browser;
  const browser: typeof Browser;
}

import { browser } from 'wxt/browser';

/** The keys of `public/_locales/en/messages.json`, as WXT generates them: a typo fails type-checking. */
export type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];

/** A UI string from `public/_locales`; a missing key shows as itself so it is noticed, not hidden. */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

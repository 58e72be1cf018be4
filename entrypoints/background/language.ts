import { applyLanguage, t } from '@/lib/i18n';
import { installBrowserI18n } from '../shared/browser-i18n';
import { CONTENT_STRING_KEYS, type ContentStrings } from '@/lib/protocol';
import { userSettings } from './vault-keeper';

// Installed as the worker starts (the entry imports this module): every `t()` in the background reads through it.
installBrowserI18n();

/**
 * What the background words itself (fill notes, refusals, the toolbar title) follows the language
 * chosen in the settings, like the extension's pages, not only the browser's. Read once per
 * service-worker life, again after the settings change.
 */
let applied: Promise<void> | null = null;

export function speakUserLanguage(): Promise<void> {
  applied ??= userSettings().then(
    (settings) => applyLanguage(settings.language),
    () => undefined,
  );
  return applied;
}

/** The settings may name another language now (changed, restored from a backup, wiped). */
export function languageMayHaveChanged(): void {
  applied = null;
}

/** The content script's words in the user's language (call after `speakUserLanguage`). */
export function contentStrings(): ContentStrings {
  return Object.fromEntries(CONTENT_STRING_KEYS.map((key) => [key, t(key)])) as ContentStrings;
}

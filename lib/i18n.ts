import { browser } from 'wxt/browser';

/** The keys of `public/_locales/en/messages.json`, as WXT generates them: a typo fails type-checking. */
export type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];

/** A `messages.json` as Chrome reads it. */
export type Catalog = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** The languages the UI is translated into (`public/_locales` folder names), as Bitrix24 offers them. */
export const LANGUAGES = ['en', 'ru', 'de', 'es', 'pt_BR', 'pl', 'uk', 'fr', 'it', 'tr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's own name, so a user who cannot read the current language still finds theirs. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  ru: 'Русский',
  de: 'Deutsch',
  es: 'Español',
  pt_BR: 'Português (Brasil)',
  pl: 'Polski',
  uk: 'Українська',
  fr: 'Français',
  it: 'Italiano',
  tr: 'Türkçe',
};

// `browser.i18n` follows the browser's language and cannot be switched at run time, so a language
// chosen in the settings is a catalog the page loads itself; `browser.i18n` stays the default path.
let override: Catalog | null = null;
let overrideLanguage: string | null = null;

/** Use `catalog` for every later `t()`; `null` goes back to the browser's language. */
export function setCatalog(catalog: Catalog | null, language: string | null = null): void {
  override = catalog;
  overrideLanguage = catalog ? language : null;
}

/** The language the UI speaks now, as a BCP 47 tag for `<html lang>` and number formatting. */
export function uiLanguage(): string {
  const folder = overrideLanguage ?? browser.i18n.getUILanguage();
  return folder.replace('_', '-');
}

/** A UI string from `public/_locales`; a missing key shows as itself so it is noticed, not hidden. */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  const entry = override?.[key];
  if (entry) return formatMessage(entry, typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []));
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** Chrome's rules: `$NAME$` names a placeholder whose content may be `$1`…`$9`; `$$` is a dollar sign. */
export function formatMessage(entry: Catalog[string], substitutions: readonly string[]): string {
  const placeholders = Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([name, { content }]) => [name.toLowerCase(), content]),
  );
  const substitute = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '');
  return entry.message
    .replace(/\$\$/g, '\u0000')
    .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
      const content = placeholders[name.toLowerCase()];
      return content === undefined ? whole : substitute(content);
    })
    .replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '')
    .replace(/\u0000/g, '$');
}

/** A language folder this UI has, or null (e.g. a setting from a newer or older version). */
export function knownLanguage(language: string): Language | null {
  return (LANGUAGES as readonly string[]).includes(language) ? (language as Language) : null;
}

/**
 * Switches the UI to the language chosen in the settings by reading that language's catalog from
 * the extension itself; '' (or a language this version lacks) keeps the browser's.
 */
let applying = 0;

export async function applyLanguage(language: string): Promise<void> {
  // Two changes in quick succession: the later one wins, however the fetches finish.
  const ticket = ++applying;
  const known = knownLanguage(language);
  let catalog: Catalog | null = null;
  if (known) {
    try {
      const response = await fetch(browser.runtime.getURL(`/_locales/${known}/messages.json` as '/'));
      catalog = (await response.json()) as Catalog;
    } catch {
      catalog = null;
    }
  }
  if (ticket === applying) setCatalog(catalog, catalog ? known : null);
}

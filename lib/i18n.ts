import type { WxtI18n } from 'wxt/browser';

/** The keys of `public/_locales/en/messages.json`, as WXT generates them: a typo fails type-checking. */
export type MessageKey = Parameters<WxtI18n['getMessage']>[0];

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

/**
 * The browser's side of the UI text, which each context's adapter installs once (`installI18n`):
 * `browser.i18n` follows the browser's language and cannot be switched at run time, so a language
 * chosen in the settings is a catalog the context reads from the extension itself.
 */
export interface I18nSource {
  /** `browser.i18n.getMessage`: the browser's language; '' for a key it lacks. */
  getMessage(key: MessageKey, substitutions?: string | string[]): string;
  /** `browser.i18n.getUILanguage`: a language folder name or a BCP 47 tag. */
  getUILanguage(): string;
  /** The extension's `_locales/<language>/messages.json`; null (or a rejection) when it cannot be read. */
  loadCatalog(language: Language): Promise<Catalog | null>;
}

/** Before `installI18n` (a context that never installs, a unit test): keys show as themselves. */
const NO_SOURCE: I18nSource = {
  getMessage: () => '',
  getUILanguage: () => 'en',
  loadCatalog: async () => null,
};

let source: I18nSource = NO_SOURCE;

/** Gives every later `t()`, `uiLanguage()` and `applyLanguage()` the browser's side of this context. */
export function installI18n(browserSide: I18nSource): void {
  source = browserSide;
}

// The catalog of the language chosen in the settings; `source` stays the default path.
let override: Catalog | null = null;
let overrideLanguage: string | null = null;

/** Use `catalog` for every later `t()`; `null` goes back to the browser's language. */
export function setCatalog(catalog: Catalog | null, language: string | null = null): void {
  override = catalog;
  overrideLanguage = catalog ? language : null;
}

/** The language the UI speaks now, as a BCP 47 tag for `<html lang>` and number formatting. */
export function uiLanguage(): string {
  const folder = overrideLanguage ?? source.getUILanguage();
  return folder.replace('_', '-');
}

/** A UI string from `public/_locales`; a missing key shows as itself so it is noticed, not hidden. */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  const entry = override?.[key];
  if (entry) return formatMessage(entry, typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []));
  return source.getMessage(key, substitutions) || key;
}

/**
 * Chrome's rules, in one pass over the message: `$NAME$` is its placeholder's content, in which
 * `$1`…`$9` are substitutions and `$$` is a dollar sign; `$1`…`$9` and `$$` in the message itself
 * mean the same. A substitution is inserted as it is, never read for placeholders again (a login
 * may contain `$1`). An undeclared `$NAME$` stays as written, so it is noticed.
 */
export function formatMessage(entry: Catalog[string], substitutions: readonly string[]): string {
  const placeholders = new Map(
    Object.entries(entry.placeholders ?? {}).map(([name, { content }]) => [name.toLowerCase(), content]),
  );
  const substitute = (text: string) =>
    text.replace(/\$(?:(\$)|(\d))/g, (_, dollar: string | undefined, n: string | undefined) =>
      dollar ? '$' : (substitutions[Number(n) - 1] ?? ''),
    );
  return entry.message.replace(
    /\$(?:(\$)|([A-Za-z0-9_@]+)\$|(\d))/g,
    (whole, dollar: string | undefined, name: string | undefined, n: string | undefined) => {
      if (dollar) return '$';
      if (name !== undefined) {
        const content = placeholders.get(name.toLowerCase());
        return content === undefined ? whole : substitute(content);
      }
      return substitutions[Number(n) - 1] ?? '';
    },
  );
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
      catalog = await source.loadCatalog(known);
    } catch {
      catalog = null;
    }
  }
  if (ticket === applying) setCatalog(catalog, catalog ? known : null);
}

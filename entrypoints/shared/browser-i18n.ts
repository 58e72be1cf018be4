import { browser } from 'wxt/browser';
import { type Catalog, type I18nSource, installI18n } from '@/lib/i18n';

/** lib/i18n's browser side, the same in every context (a content script never loads a catalog: the background sends its words). */
const browserI18n: I18nSource = {
  getMessage: (key, substitutions) => browser.i18n.getMessage(key, substitutions),
  getUILanguage: () => browser.i18n.getUILanguage(),
  loadCatalog: async (language) =>
    (await (await fetch(browser.runtime.getURL(`/_locales/${language}/messages.json` as '/'))).json()) as Catalog,
};

export function installBrowserI18n(): void {
  installI18n(browserI18n);
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  applyLanguage,
  formatMessage,
  installI18n,
  LANGUAGES,
  setCatalog,
  t,
  uiLanguage,
  type Catalog,
  type I18nSource,
  type MessageKey,
} from '@/lib/i18n';

const LOCALES = 'public/_locales';
const catalogOf = (lang: string) => JSON.parse(readFileSync(join(LOCALES, lang, 'messages.json'), 'utf8')) as Catalog;
const placeholdersOf = (entry: Catalog[string]) =>
  Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
const namesIn = (message: string) =>
  [...message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]!.toLowerCase()).sort();

/** The browser's side as a context's adapter installs it: here the browser speaks Portuguese. */
const fakeSource = () => ({
  getMessage: vi.fn<(key: MessageKey, substitutions?: string | string[]) => string>(() => ''),
  getUILanguage: vi.fn(() => 'pt_BR'),
  loadCatalog: vi.fn<I18nSource['loadCatalog']>(async (language) => catalogOf(language)),
});

afterEach(() => {
  setCatalog(null);
  installI18n({ getMessage: () => '', getUILanguage: () => 'en', loadCatalog: async () => null });
});

describe('t() and message formatting', () => {
  it('fills named placeholders as Chrome does, in any order the translation puts them', () => {
    const entry = {
      message: 'Unused: $REMAINING$ of $TOTAL$ ($$)',
      placeholders: { remaining: { content: '$1' }, total: { content: '$2' } },
    };
    expect(formatMessage(entry, ['3', '10'])).toBe('Unused: 3 of 10 ($)');
    const reordered = { message: 'Von $TOTAL$ sind $REMAINING$ frei', placeholders: entry.placeholders };
    expect(formatMessage(reordered, ['3', '10'])).toBe('Von 10 sind 3 frei');
  });

  // A login, a portal name or a file name may well contain `$1` or `$$`: it is shown as it is.
  it('inserts substitutions once and never reads them as placeholders again', () => {
    const price = { message: 'Price$PRICE$Bot', placeholders: { price: { content: '$1' } } };
    expect(formatMessage(price, ['Price$1Bot'])).toBe('PricePrice$1BotBot');
    const two = { message: '$A$ / $B$', placeholders: { a: { content: '$1' }, b: { content: '$2' } } };
    expect(formatMessage(two, ['$2', 'x'])).toBe('$2 / x');
    expect(formatMessage(two, ['$$', '$B$'])).toBe('$$ / $B$');
    // A bare `$n` in the message itself, and `$$` around it.
    expect(formatMessage({ message: '$1 and $2 cost $$' }, ['$2', '5'])).toBe('$2 and 5 cost $');
    expect(formatMessage({ message: '$$1 is $1' }, ['\u0000$1'])).toBe('$1 is \u0000$1');
    // Placeholder content is expanded once: its own `$$` is a dollar sign, its `$n` a substitution.
    const cost = { message: 'Total: $COST$', placeholders: { cost: { content: 'US$$ $1' } } };
    expect(formatMessage(cost, ['$2'])).toBe('Total: US$ $2');
  });

  it('a chosen language’s catalog overrides the browser’s, and a missing key shows as itself', () => {
    setCatalog(catalogOf('de'), 'de');
    expect(t('lockButton')).toBe(catalogOf('de').lockButton!.message);
    expect(t('autoLockNote', '5')).toContain('5');
    // A key the chosen catalog lacks falls back to the browser's, and a key nobody has shows as itself.
    setCatalog({}, 'de');
    const browserSide = fakeSource();
    installI18n(browserSide);
    expect(t('lockButton')).toBe('lockButton');
    browserSide.getMessage.mockReturnValue('Lock');
    expect(t('lockButton')).toBe('Lock');
    expect(browserSide.getMessage).toHaveBeenLastCalledWith('lockButton', undefined);
  });

  it('speaks the browser’s language until a language is chosen, and the last choice wins', async () => {
    const browserSide = fakeSource();
    installI18n(browserSide);
    browserSide.getMessage.mockImplementation((key, substitutions) => `${key}:${substitutions}`);
    expect(t('autoLockNote', '5')).toBe('autoLockNote:5');
    expect(uiLanguage()).toBe('pt-BR');

    await applyLanguage('de');
    expect(browserSide.loadCatalog).toHaveBeenLastCalledWith('de');
    expect(t('lockButton')).toBe(catalogOf('de').lockButton!.message);
    expect(uiLanguage()).toBe('de');

    // A language this version lacks, or a catalog that cannot be read: the browser's again.
    await applyLanguage('xx');
    expect(browserSide.loadCatalog).toHaveBeenCalledTimes(1);
    expect(uiLanguage()).toBe('pt-BR');
    await applyLanguage('de');
    browserSide.loadCatalog.mockRejectedValueOnce(new Error('unreadable'));
    await applyLanguage('fr');
    expect(t('lockButton')).toBe('lockButton:undefined');

    // The first request's catalog arrives last, yet the later choice stays.
    let firstArrives = (_: Catalog) => {};
    browserSide.loadCatalog.mockImplementationOnce(() => new Promise((resolve) => (firstArrives = resolve)));
    const first = applyLanguage('ru');
    await applyLanguage('it');
    firstArrives(catalogOf('ru'));
    await first;
    expect(uiLanguage()).toBe('it');
    expect(t('lockButton')).toBe(catalogOf('it').lockButton!.message);
  });
});

describe('the locales', () => {
  const en = catalogOf('en');

  it('are exactly the languages Bitrix24 is used in', () => {
    expect(readdirSync(LOCALES).sort()).toEqual([...LANGUAGES].sort());
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))(
    '%s has every English message, with the same placeholders, and nothing else',
    (lang) => {
      const catalog = catalogOf(lang);
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
      for (const [key, entry] of Object.entries(en)) {
        const translated = catalog[key]!;
        expect(translated.message.trim(), `${lang}.${key}`).not.toBe('');
        expect(placeholdersOf(translated), `${lang}.${key}`).toEqual(placeholdersOf(entry));
        expect(namesIn(translated.message), `${lang}.${key}`).toEqual(namesIn(entry.message));
      }
    },
  );

  it('every placeholder used in a message is declared', () => {
    for (const lang of LANGUAGES) {
      for (const [key, entry] of Object.entries(catalogOf(lang))) {
        const declared = Object.keys(placeholdersOf(entry));
        for (const name of namesIn(entry.message)) expect(declared, `${lang}.${key}`).toContain(name);
      }
    }
  });
});

describe('no hard-coded UI text', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : [],
    );
  const sources = [...files('components'), ...files('entrypoints/popup'), ...files('entrypoints/options')];

  it.each(sources)('%s shows only translated words', (file) => {
    const source = readFileSync(file, 'utf8');
    // Text between JSX tags that is not an expression: `<p>Hello</p>`.
    const jsxText = [...source.matchAll(/>\s*([^<>{}\s][^<>{}]*?)\s*</g)]
      .map((m) => m[1]!)
      .filter((text) => /\p{L}{2,}/u.test(text) && !/[=;()&|]/.test(text));
    // Literal strings in attributes people read.
    const attributes = [...source.matchAll(/\b(aria-label|title|placeholder|alt)="([^"]*)"/g)].map((m) => m[2]!);
    expect([...jsxText, ...attributes]).toEqual([]);
  });

  it('the scan would notice a hard-coded word', () => {
    const sample = '<button>Save</button>';
    expect([...sample.matchAll(/>\s*([^<>{}\s][^<>{}]*?)\s*</g)].map((m) => m[1])).toEqual(['Save']);
  });
});

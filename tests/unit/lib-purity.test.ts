import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const lib = join(root, 'lib');
const sources = readdirSync(lib, { recursive: true, encoding: 'utf8' })
  .filter((name) => /\.tsx?$/.test(name))
  .map((name) => ({ file: relative(root, join(lib, name)), text: readFileSync(join(lib, name), 'utf8') }));

/** The code without comments, and without imports that vanish when compiled (`import type`). */
const runtimeCode = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').replace(/^import type [^;]*;$/gm, '');

/** What lib/ must not do: import the browser, use its APIs and storage, log, or reach up into the UI or entry points. */
const FORBIDDEN = [
  /\bfrom '(wxt|wxt\/[^']*|webextension-polyfill|#imports)'/,
  /\b(browser|chrome)\s*\.|\bstorage\.(local|sync|session)\b/,
  /\bconsole\s*\./,
  /\b(localStorage|sessionStorage|indexedDB|document|window)\s*\./,
  /from '(@\/|\.\.\/)+(entrypoints|components)\//,
];

describe('lib/', () => {
  it('is all of it: every folder and file', () => {
    const folders = new Set(sources.map(({ file }) => file.split('/').slice(0, 2).join('/')));
    expect(folders.size).toBeGreaterThanOrEqual(18);
    expect(sources.length).toBeGreaterThan(100);
  });

  // lib/ runs in the service worker, the pages, the content script and Node alike: the entry points own
  // every extension API, and lib/ never reaches up into them or into the UI.
  // lib/ runs in the service worker, the pages, the content script and Node alike: the entry points own
  // every extension API.
  it.each(sources)('$file uses no browser API, no extension storage, no console, nothing above lib/', ({ text }) => {
    const code = runtimeCode(text);
    for (const pattern of FORBIDDEN) expect(code).not.toMatch(pattern);
  });

  it('catches what it is meant to', () => {
    for (const text of [
      "import { browser } from 'wxt/browser';",
      'const tab = await chrome.tabs.get(1);',
      'await browser.storage.session.get(key);',
      'console.log(secret);',
      'window.location.href = x;',
      "import { t } from '@/components/shared/i18n';",
      "import { fill } from '../../entrypoints/background/fill';",
    ])
      expect(
        FORBIDDEN.some((pattern) => pattern.test(runtimeCode(text))),
        text,
      ).toBe(true);
    expect(runtimeCode("import type { WxtI18n } from 'wxt/browser';")).not.toMatch(/wxt/);
  });
});

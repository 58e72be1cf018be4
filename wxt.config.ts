import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { CLOUD_MATCH_PATTERNS } from './lib/bitrix/cloud-hosts';
import { inlinePlaceholders } from './lib/i18n-package';

/**
 * Public half of the signing key: it fixes the extension id (mnifipebbfhmdjoolgoloblddhbgepad) so that
 * managed policies and tests can name it. Stores assign their own id to their uploads.
 */
const EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA04nfXtXDgC++QFYwQ7xkThsaCPEFHaJhN+ZORh1IzqdR1MxR9/ddPBkI4b+hSxK1u254YyExCMp6W0SSafh6KItWtM80q4gzmMHOnLA1TpwRH2eieL60ceAMmPedSlNJWse6yfGQ8Sp811291HcfuNgWDMfChxM1EpVzr2OA56JPZ00TUPBtJ8gz0O5XtSeBCXq9Wrwc32mz8JSgg9IlkBXGX0E0WJ+Vr2pPJq4BkEpMQaw+Ea1JhpZt8qNvu51kU80EWqFmU7bvaTppQpmnPZ3v95rsGPuKqxJnpP9hKj1XGtP73mXFx57Mln2B++fYNnChwrCm9n7S5QIQFLrk2QIDAQAB';

/**
 * The `demo` mode (`wxt build --mode demo`, used by `npm start` and the end-to-end tests) grants the
 * loopback demo portal up front, the way a user would enable a self-hosted portal at run time.
 * Store builds never ask for loopback access.
 */
const DEMO_PORTAL_PATTERNS = ['http://localhost/*', 'http://127.0.0.1/*'];

/** The built manifest as `wxt zip` found it, put back once the store zip is written. */
let unzippedManifest: { path: string; text: string } | null = null;

export default defineConfig({
  // Separate output folders let two builds and their end-to-end runs share one checkout.
  outDir: process.env.B24A_OUT_DIR || '.output',
  hooks: {
    // The Chrome Web Store refuses an upload whose manifest has a `key` ("key field is not allowed in
    // manifest"; Edge Add-ons gets the same zip): the zip goes without it, the unpacked build keeps it.
    'zip:extension:start': (wxt) => {
      const path = resolve(wxt.config.outDir, 'manifest.json');
      const text = readFileSync(path, 'utf8');
      const { key, ...manifest } = JSON.parse(text);
      if (key === undefined) return;
      unzippedManifest = { path, text };
      writeFileSync(path, JSON.stringify(manifest));
    },
    'zip:extension:done': () => {
      if (unzippedManifest) writeFileSync(unzippedManifest.path, unzippedManifest.text);
      unzippedManifest = null;
    },
    // JSON files (the locales, the managed-policy schema) are written indented for people; the
    // package gets them without the whitespace, and the locales with their named placeholders put
    // in place, as the browser would (lib/i18n-package).
    'build:publicAssets': (_wxt, files) => {
      for (const [i, file] of files.entries()) {
        if (!('absoluteSrc' in file) || !file.relativeDest.endsWith('.json')) continue;
        const json = JSON.parse(readFileSync(file.absoluteSrc, 'utf8'));
        const locale = /^_locales\/.+\.json$/.test(file.relativeDest);
        files[i] = {
          relativeDest: file.relativeDest,
          contents: JSON.stringify(locale ? inlinePlaceholders(json) : json),
        };
      }
    },
  },
  // The sources zip that addons.mozilla.org's review rebuilds the Firefox package from (`wxt zip -b firefox`):
  // what `npm ci && npx wxt build -b firefox` needs and the README, none of the tests (WXT already drops their
  // *.test.* files), benchmarks, developer scripts, screenshots or files left by local runs.
  zip: {
    excludeSources: [
      'tests/**',
      'bench/**',
      'scripts/**',
      'docs/**/*.png',
      'stats.html',
      'demo-screenshot.png',
      '**/*.log',
    ],
  },
  // No webextension-polyfill: `wxt/browser` is the browser's own promise-based API (`browser` in
  // Firefox, `chrome` in Chromium, both MV3). Listeners answer through sendResponse, which every
  // version of both honours (entrypoints/shared/answer.ts). The polyfill was 4.6 KB of the store
  // zip and of the service worker, and the one CommonJS module the pages loaded.
  // MV3 everywhere: Firefox (140+, below) has optional host permissions, storage.session and scripting in MV3.
  manifestVersion: 3,
  // Both browsers load <link rel="modulepreload"> themselves (Chrome 66+, Firefox 115+): no polyfill
  // in every page's first script.
  vite: () => ({ plugins: [preact()], build: { modulePreload: { polyfill: false } } }),
  manifest: ({ mode, browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'bitrix24-authenticator@bitrix24-authenticator.dev',
              // Firefox 140 (the oldest supported ESR) is the first to read data_collection_permissions;
              // with an older minimum addons.mozilla.org's linter warns that the key is not supported.
              strict_min_version: '140.0',
              // Required of new add-ons on addons.mozilla.org. Nothing is collected or sent anywhere:
              // the only request is a HEAD to the portal's own sign-in page for its clock.
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : // Chrome reads administrators' settings through this schema; Firefox from policies.json.
        { key: EXTENSION_KEY, storage: { managed_schema: 'managed_schema.json' } }),
    permissions: [
      'storage',
      'alarms',
      'idle',
      'scripting',
      'activeTab',
      'contextMenus',
      // Clearing a copied code later, only if the clipboard still holds it (Chrome: from an offscreen document).
      'clipboardRead',
      'clipboardWrite',
      // The vault's storage is kept when disk space runs low (Firefox: persistent storage granted;
      // Chromium: exempt from eviction). Losing it would lose every secret.
      'unlimitedStorage',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    host_permissions: [...CLOUD_MATCH_PATTERNS, ...(mode === 'demo' ? DEMO_PORTAL_PATTERNS : [])],
    // Self-hosted portals: any host, granted one at a time at run time.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: '__MSG_extName__' },
    // Argon2id runs in WebAssembly (lib/crypto/kdf.ts); the default MV3 policy refuses to compile it.
    content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';" },
    commands: {
      'fill-code': { suggested_key: { default: 'Alt+Shift+F' }, description: '__MSG_commandFill__' },
    },
  }),
});

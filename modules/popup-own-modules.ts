import { isAbsolute, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineWxtModule } from 'wxt/modules';

/**
 * The popup's script in two files instead of seven. An extension page pays for each file it loads
 * before it can draw (the bench's "floor drawn by one module script" is 3–15 ms over the floor
 * here, and each further file adds more), and the code the popup shares with the options page and
 * the background made the bundler split it into a file per set of pages sharing it. So the popup gets
 * its own copies of the modules it imports: a copy is the same file under another id, which the
 * bundler cannot share with the other entries. Two things stay shared: Preact (below), and what the
 * popup loads on demand from outside components/popup (`import()`: the QR reader, the QR drawer),
 * which holds no state of its own. Its own later screens load on demand as copies (POPUP_OWN).
 */
const COPY = '?popup-copy';

/**
 * Preact stays one module for every page and for what the popup loads on demand (the QR drawer
 * renders with it): two copies would be two renderers, whose hooks do not work across.
 */
const SHARED = /[\\/]node_modules[\\/]preact[\\/]/;

/**
 * The modules that keep state of their own (the language catalog, the KDF's fallback note, the
 * vault's write queues): the popup may hold only one instance of each.
 * tests/unit/build/popup-own-modules.test.ts keeps the list whole: it finds every module the
 * popup's copies come from (lib/, components/, entrypoints/popup/ and shared/) with state at
 * module level.
 */
export const ONE_INSTANCE = ['lib/i18n.ts', 'lib/crypto/kdf.ts', 'lib/vault/serial-queue.ts'];

/**
 * The popup's own screens that it loads on demand (components/popup/screens.ts) are copies too:
 * they run in the popup's instance of the language catalog and the rest.
 */
const POPUP_OWN = /[\\/]components[\\/]popup[\\/]/;

const copied = (id: string) => id.endsWith(COPY);
const original = (id: string) => (copied(id) ? id.slice(0, -COPY.length) : id);

export function popupCopies(popupHtml: string): Plugin {
  return {
    name: 'b24a:popup-own-modules',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || (importer !== popupHtml && !copied(importer))) return null;
      const onDemand = (options as { kind?: string }).kind === 'dynamic-import';
      const resolved = await this.resolve(source, original(importer), { ...options, skipSelf: true });
      if (!resolved || resolved.external || SHARED.test(resolved.id)) return resolved;
      if (onDemand && !POPUP_OWN.test(resolved.id)) return resolved;
      return { ...resolved, id: resolved.id + COPY };
    },
    // A file's copy is read from disk like the file; a virtual module's (WXT's plugin list, Vite's
    // preload helper) is whatever its own plugin made of it.
    async load(id) {
      if (!copied(id) || isAbsolute(original(id))) return null;
      return (await this.load({ id: original(id) })).code;
    },
    // What the popup loads on demand keeps the shared modules, so some pure ones are there twice
    // (bytes only). Should it ever reach one that keeps state, of which the popup also has a copy,
    // the page would run two, one of them never set up: the build stops rather than ship that.
    generateBundle(_options, bundle) {
      const chunks = new Map(
        Object.values(bundle).flatMap((file) => (file.type === 'chunk' ? [[file.fileName, file]] : [])),
      );
      const popup = [...chunks.values()].find((chunk) => chunk.facadeModuleId === popupHtml);
      if (!popup) return;
      const loaded = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = chunks.get(fileName);
        if (!chunk || loaded.has(fileName)) return;
        loaded.add(fileName);
        for (const next of [...chunk.imports, ...chunk.dynamicImports]) visit(next);
      };
      visit(popup.fileName);
      const ids = new Set([...loaded].flatMap((fileName) => chunks.get(fileName)!.moduleIds));
      const stateful = (id: string) => ONE_INSTANCE.some((file) => original(id).endsWith(`/${file}`));
      const twice = [...ids].filter((id) => copied(id) && ids.has(original(id)) && stateful(id));
      if (twice.length > 0) this.error(`The popup would load two instances of: ${twice.map(original).join(', ')}`);
    },
  };
}

export default defineWxtModule({
  name: 'popup-own-modules',
  setup(wxt) {
    const popupHtml = resolve(wxt.config.entrypointsDir, 'popup/index.html');
    wxt.hook('vite:build:extendConfig', (entrypoints, config) => {
      if (!entrypoints.some((entrypoint) => entrypoint.inputPath === popupHtml)) return;
      config.plugins = [popupCopies(popupHtml), ...(config.plugins ?? [])];
      // The one Preact, in a file named for it.
      config.build ??= {};
      config.build.rollupOptions ??= {};
      config.build.rollupOptions.output ??= {};
      Object.assign(config.build.rollupOptions.output, {
        codeSplitting: { groups: [{ name: 'preact', test: SHARED }] },
      });
    });
  },
});

import { isAbsolute, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineWxtModule } from 'wxt/modules';

/**
 * The popup's script in two files instead of seven. An extension page pays for each file it loads
 * before it can draw: here about 20 ms for the first script and a few more for each further one
 * (the bench's popup figures), and the code the popup shares with the options page and the
 * background made the bundler split it into a file per set of pages sharing it. So the popup gets
 * its own copies of the modules it imports: a copy is the same file under another id, which the
 * bundler cannot share with the other entries. Two things stay shared: Preact (below), and what the
 * popup loads on demand (`import()`: the QR reader, the QR drawer), which holds no state of its own.
 */
const COPY = '?popup-copy';

/**
 * Preact stays one module for every page and for what the popup loads on demand (the QR drawer
 * renders with it): two copies would be two renderers, whose hooks do not work across.
 */
const SHARED = /[\\/]node_modules[\\/]preact[\\/]/;

const copied = (id: string) => id.endsWith(COPY);
const original = (id: string) => (copied(id) ? id.slice(0, -COPY.length) : id);

export function popupCopies(popupHtml: string): Plugin {
  return {
    name: 'b24a:popup-own-modules',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || (importer !== popupHtml && !copied(importer))) return null;
      if ((options as { kind?: string }).kind === 'dynamic-import') return null;
      const resolved = await this.resolve(source, original(importer), { ...options, skipSelf: true });
      if (!resolved || resolved.external || SHARED.test(resolved.id)) return resolved;
      return { ...resolved, id: resolved.id + COPY };
    },
    // A file's copy is read from disk like the file; a virtual module's (WXT's plugin list, Vite's
    // preload helper) is whatever its own plugin made of it.
    async load(id) {
      if (!copied(id) || isAbsolute(original(id))) return null;
      return (await this.load({ id: original(id) })).code;
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

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ONE_INSTANCE, popupCopies } from '@/modules/popup-own-modules';

const root = join(import.meta.dirname, '../../..');

/** State kept at module level: a top-level `let`, or a top-level collection that starts empty. */
const MODULE_STATE = /^(let |(export )?const \w+(: [^=]+)? = new (Map|Set|WeakMap)(<[^>]*>)?\(\))/m;

function sourcesUnder(folder: string): { file: string; text: string }[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => ({
      file: relative(root, join(root, folder, name)),
      text: readFileSync(join(root, folder, name), 'utf8'),
    }));
}

describe('the popup’s own copies of shared modules (modules/popup-own-modules.ts)', () => {
  it('knows every module the popup can reach that keeps state of its own', () => {
    const stateful = ['lib', 'components', 'entrypoints/popup', 'entrypoints/shared']
      .flatMap(sourcesUnder)
      .filter(({ text }) => MODULE_STATE.test(text))
      .map(({ file }) => file);
    expect(stateful.length).toBeGreaterThan(0);
    expect(stateful.sort()).toEqual([...ONE_INSTANCE].sort());
  });

  const POPUP = '/x/entrypoints/popup/index.html';
  /** The plugin's bundle check over two chunks: the popup's, and one it loads on demand. */
  function check(popupModules: string[], lazyModules: string[]) {
    const chunk = (fileName: string, moduleIds: string[], more: object) => ({
      type: 'chunk',
      fileName,
      moduleIds,
      imports: [],
      dynamicImports: [],
      facadeModuleId: null,
      ...more,
    });
    const bundle = {
      'popup.js': chunk('popup.js', popupModules, { facadeModuleId: POPUP, dynamicImports: ['lazy.js'] }),
      'lazy.js': chunk('lazy.js', lazyModules, {}),
      'options.js': chunk('options.js', ['/x/lib/i18n.ts'], { facadeModuleId: '/x/entrypoints/options/index.html' }),
    };
    const error = vi.fn((message: string) => {
      throw new Error(message);
    });
    const hook = popupCopies(POPUP).generateBundle as (this: unknown, options: unknown, bundle: unknown) => void;
    return () => hook.call({ error }, {}, bundle);
  }

  it('stops the build when the popup would load a stateful module twice: its copy and, on demand, the shared one', () => {
    expect(check(['/x/lib/i18n.ts?popup-copy'], ['/x/lib/i18n.ts'])).toThrow(
      'The popup would load two instances of: /x/lib/i18n.ts',
    );
  });

  it('control: a pure module twice, or a stateful one once, builds', () => {
    expect(
      check(['/x/lib/otp/uri-format.ts?popup-copy', '/x/lib/i18n.ts?popup-copy'], ['/x/lib/otp/uri-format.ts']),
    ).not.toThrow();
    // The options page has its own instance: not the popup's concern.
    expect(check(['/x/lib/i18n.ts?popup-copy'], [])).not.toThrow();
  });
});

describe('what the popup loads on demand (modules/popup-own-modules.ts)', () => {
  type Resolve = (this: unknown, source: string, importer: string, options: object) => Promise<{ id: string } | null>;
  const resolveId = popupCopies('/x/entrypoints/popup/index.html').resolveId as Resolve;
  const bundler = { resolve: async (source: string) => ({ id: `/x/${source}` }) };
  const onDemand = (source: string) =>
    resolveId.call(bundler, source, '/x/components/popup/PopupApp.tsx?popup-copy', { kind: 'dynamic-import' });

  it('its own later screens are copies: they run in its instance of the language catalog', async () => {
    expect(await onDemand('components/popup/screens.ts')).toMatchObject({
      id: '/x/components/popup/screens.ts?popup-copy',
    });
  });

  it('control: the QR drawer and reader, shared with the other pages and holding no state, stay shared', async () => {
    expect(await onDemand('components/shared/QrCode.tsx')).toMatchObject({ id: '/x/components/shared/QrCode.tsx' });
    expect(await onDemand('lib/qr/index.ts')).toMatchObject({ id: '/x/lib/qr/index.ts' });
  });
});

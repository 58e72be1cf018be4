// Vite (the bundler WXT builds the extension with) for what the bench needs bundled itself: the
// probe evaluated in the service worker, and each dependency alone to see what a bundle is made of.
import { gzipSize } from './sizes.js';

/**
 * `entryCode` bundled and minified as one file, in memory.
 * @param {string} root the project (where the imports resolve)
 * @param {string} entryCode
 * @param {{ format: 'es' | 'iife', name?: string }} output `name`: the global an IIFE defines
 */
async function viteBuild(root, entryCode, { format, name }) {
  const { build } = await import('vite');
  const id = 'virtual:bench-entry';
  const out = await build({
    configFile: false,
    root,
    logLevel: 'silent',
    plugins: [
      {
        name: 'bench-entry',
        resolveId: (source) => (source.endsWith(id) ? `\0${id}` : null),
        load: (key) => (key === `\0${id}` ? entryCode : null),
      },
    ],
    build: {
      write: false,
      minify: true,
      sourcemap: false,
      lib: { entry: id, formats: [format], ...(name ? { name } : {}), fileName: () => 'out.js' },
    },
  });
  // Not watching, so the build's output(s), never a watcher.
  const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) => ('output' in o ? o.output : []));
  return outputs
    .filter((o) => o.type === 'chunk')
    .map((o) => o.code)
    .join('\n');
}

/**
 * The probe: `scanImage` and `deriveKey` from the extension's own sources (bench/probe/entry.js),
 * as one classic script that defines `globalThis.__b24bench` when evaluated.
 * @param {string} root
 */
export async function probeScript(root) {
  const code = await viteBuild(root, `export * from ${JSON.stringify(`${root}/bench/probe/entry.js`)};`, {
    format: 'iife',
    name: '__b24bench',
  });
  return `${code}\n;globalThis.__b24bench = __b24bench;`;
}

/**
 * A runtime dependency: `code` imports it the way the extension does (a function of the project
 * root for the project's own modules); `in`: the bundles it is part of.
 * @typedef {{ name: string, code: string | ((root: string) => string), in: string[] }} Dependency
 */

/**
 * Runtime dependencies the bundles pull in, each imported the way the extension imports it.
 * @type {Dependency[]}
 */
export const DEPENDENCIES = [
  { name: 'jsqr', code: "export { default } from 'jsqr';", in: ['background'] },
  { name: 'hash-wasm argon2id', code: "export { argon2id } from 'hash-wasm';", in: ['background'] },
  {
    name: '@noble/hashes argon2id (fallback)',
    code: "export { argon2idAsync } from '@noble/hashes/argon2.js';",
    in: ['background'],
  },
  { name: '@noble/hashes scrypt', code: "export { scryptAsync } from '@noble/hashes/scrypt.js';", in: ['background'] },
  { name: 'otpauth', code: "export { HOTP, TOTP, Secret } from 'otpauth';", in: ['background'] },
  { name: 'idb', code: "export { wrap } from 'idb';", in: ['background'] },
  {
    name: 'lib/qr scanImage (incl. jsqr)',
    code: (root) => `export { scanImage } from ${JSON.stringify(`${root}/lib/qr/index.ts`)};`,
    in: ['background'],
  },
  {
    name: 'preact + hooks',
    code: "export { render, h, Fragment } from 'preact'; export * from 'preact/hooks';",
    in: ['popup'],
  },
];

/**
 * One dependency bundled alone: raw and gzip -9 bytes, or null and why it could not be bundled.
 * @typedef {{ name: string, in: string[], raw: number | null, gzip: number | null, error?: string }} DependencySize
 */

/**
 * Each dependency bundled alone (minified ESM), raw and gzip -9 bytes.
 * @param {string} root
 */
export async function dependencySizes(root) {
  /** @type {DependencySize[]} */
  const out = [];
  for (const dep of DEPENDENCIES) {
    try {
      const code = Buffer.from(
        await viteBuild(root, typeof dep.code === 'function' ? dep.code(root) : dep.code, { format: 'es' }),
      );
      out.push({ name: dep.name, in: dep.in, raw: code.length, gzip: gzipSize(code) });
    } catch (error) {
      out.push({
        name: dep.name,
        in: dep.in,
        raw: null,
        gzip: null,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return out;
}

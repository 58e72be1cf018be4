// Vite (the bundler WXT builds the extension with) for what the bench needs bundled itself: the
// probe evaluated in the service worker, and each dependency alone to see what a bundle is made of.
import { gzipSize } from './sizes.js';

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
  const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output);
  return outputs
    .filter((o) => o.type === 'chunk')
    .map((o) => o.code)
    .join('\n');
}

/**
 * The probe: `scanImage` and `deriveKey` from the extension's own sources (bench/probe/entry.js),
 * as one classic script that defines `globalThis.__b24bench` when evaluated.
 */
export async function probeScript(root) {
  const code = await viteBuild(root, `export * from ${JSON.stringify(`${root}/bench/probe/entry.js`)};`, {
    format: 'iife',
    name: '__b24bench',
  });
  return `${code}\n;globalThis.__b24bench = __b24bench;`;
}

/** Runtime dependencies the bundles pull in, each imported the way the extension imports it. */
export const DEPENDENCIES = [
  { name: 'jsqr', code: "export { default } from 'jsqr';", in: ['background'] },
  {
    name: '@noble/hashes argon2id',
    code: "export { argon2idAsync } from '@noble/hashes/argon2.js';",
    in: ['background'],
  },
  { name: '@noble/hashes scrypt', code: "export { scryptAsync } from '@noble/hashes/scrypt.js';", in: ['background'] },
  { name: 'otpauth', code: "export { HOTP, TOTP, Secret } from 'otpauth';", in: ['background'] },
  { name: 'idb', code: "export { wrap } from 'idb';", in: ['background'] },
  {
    name: 'webextension-polyfill',
    code: "export { default } from 'webextension-polyfill';",
    in: ['background', 'popup', 'content script'],
  },
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

/** Each dependency bundled alone (minified ESM), raw and gzip -9 bytes. */
export async function dependencySizes(root) {
  const out = [];
  for (const dep of DEPENDENCIES) {
    try {
      const code = Buffer.from(
        await viteBuild(root, typeof dep.code === 'function' ? dep.code(root) : dep.code, { format: 'es' }),
      );
      out.push({ name: dep.name, in: dep.in, raw: code.length, gzip: gzipSize(code) });
    } catch (error) {
      out.push({ name: dep.name, in: dep.in, raw: null, gzip: null, error: String(error?.message ?? error) });
    }
  }
  return out;
}

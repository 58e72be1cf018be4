// Sizes of a built extension: every file raw and gzip -9, and what each entry point loads up front
// (its file plus the chunks it imports statically).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** @typedef {{ path: string, raw: number, gzip: number }} FileSize  one file, raw and gzip -9 bytes */
/** @typedef {{ raw: number, gzip: number, files: string[] }} SizeSum  a set of files, raw and gzip -9 bytes summed */

/**
 * What an entry point loads up front, for each entry point the manifest names.
 * @typedef {object} EntrySizes
 * @property {SizeSum} [background]
 * @property {SizeSum} [popupJs]
 * @property {SizeSum} [popupCss]
 * @property {SizeSum} [optionsJs]
 * @property {SizeSum} contentScript
 */

/**
 * The fields of manifest.json read here.
 * @typedef {object} Manifest
 * @property {{ service_worker?: string }} [background]
 * @property {{ default_popup?: string }} [action]
 * @property {{ page?: string }} [options_ui]
 * @property {string} [options_page]
 * @property {Array<{ js?: string[], css?: string[] }>} [content_scripts]
 */

/** @param {Buffer} buf */
export const gzipSize = (buf) => gzipSync(buf, { level: 9 }).length;

/**
 * Every file under `dir`, as paths relative to it with forward slashes.
 * @param {string} dir
 */
export function listFiles(dir) {
  /** @type {string[]} */
  const out = [];
  /** @param {string} d */
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * The first capture group of every match of `re` in `text`, each once, in order.
 * @param {string} text
 * @param {RegExp} re with the g flag and one group
 */
const captured = (text, re) => [...new Set([...text.matchAll(re)].map((m) => m[1] ?? ''))];

/**
 * Static imports of a (minified) ES module: `import … from "./x.js"`, `import "./x.js"`, `export … from`.
 * @param {string} code
 */
export function staticImports(code) {
  return captured(code, /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'`]([^"'`]+)["'`]/g);
}

/**
 * Dynamic `import("…")` targets (loaded later, not up front).
 * @param {string} code
 */
export function dynamicImports(code) {
  return captured(code, /\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/g);
}

/**
 * Resolves an import or an HTML src (relative or root-absolute) against the importing file.
 * @param {string} from
 * @param {string} ref
 */
export function resolveRef(from, ref) {
  if (/^[a-z]+:/i.test(ref)) return null; // chrome-extension://, https:// …
  const [clean = ''] = ref.split(/[?#]/);
  return clean.startsWith('/') ? clean.slice(1) : posix.normalize(posix.join(posix.dirname(from), clean));
}

/**
 * The file and every JS file it imports statically, transitively.
 * @param {string} dir
 * @param {string} entry
 */
export function staticClosure(dir, entry) {
  /** @type {Set<string>} */
  const seen = new Set();
  /** @param {string} file */
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    for (const ref of staticImports(code)) {
      const target = resolveRef(file, ref);
      if (target?.endsWith('.js')) visit(target);
    }
  };
  visit(entry);
  return [...seen];
}

/**
 * Scripts and stylesheets an HTML page loads: module script, modulepreloads, stylesheets.
 * @param {string} dir
 * @param {string} htmlFile
 */
export function htmlAssets(dir, htmlFile) {
  const html = readFileSync(join(dir, htmlFile), 'utf8');
  /** @param {RegExp} re */
  const refs = (re) => [...html.matchAll(re)].map((m) => resolveRef(htmlFile, m[1] ?? ''));
  const scripts = refs(/<script[^>]*\bsrc="([^"]+)"/g);
  const preloads = refs(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g);
  const styles = refs(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g);
  /** @type {Set<string>} */
  const js = new Set();
  for (const s of [...scripts, ...preloads]) if (s) for (const f of staticClosure(dir, s)) js.add(f);
  return { js: [...js], css: styles.filter((s) => s !== null) };
}

/**
 * Raw and gzip -9 bytes of a set of files, each compressed on its own (as served from disk), summed.
 * @param {string} dir
 * @param {string[]} files
 * @returns {SizeSum}
 */
export function sumSizes(dir, files) {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const buf = readFileSync(join(dir, f));
    raw += buf.length;
    gzip += gzipSize(buf);
  }
  return { raw, gzip, files };
}

/**
 * What each entry point of a built Chromium extension loads, from its manifest: the service worker,
 * the popup and options pages, the content scripts.
 * @param {string} dir
 * @returns {EntrySizes}
 */
export function entrySizes(dir) {
  const manifest = /** @type {Manifest} */ (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
  /** @type {Omit<EntrySizes, 'contentScript'>} */
  const entries = {};
  const sw = manifest.background?.service_worker;
  if (sw) entries.background = sumSizes(dir, staticClosure(dir, sw));
  const popup = manifest.action?.default_popup;
  if (popup) {
    const { js, css } = htmlAssets(dir, popup);
    entries.popupJs = sumSizes(dir, js);
    entries.popupCss = sumSizes(dir, css);
  }
  const options = manifest.options_ui?.page ?? manifest.options_page;
  if (options) entries.optionsJs = sumSizes(dir, htmlAssets(dir, options).js);
  /** @type {Set<string>} */
  const contentFiles = new Set();
  for (const cs of manifest.content_scripts ?? [])
    for (const f of [...(cs.js ?? []), ...(cs.css ?? [])]) contentFiles.add(f);
  return { ...entries, contentScript: sumSizes(dir, [...contentFiles]) };
}

/**
 * Every file raw and gzip -9, and the unpacked total without source maps.
 * @param {string} dir
 */
export function fileTable(dir) {
  /** @type {FileSize[]} */
  const files = listFiles(dir).map((path) => {
    const buf = readFileSync(join(dir, path));
    return { path, raw: buf.length, gzip: gzipSize(buf) };
  });
  const shipped = files.filter((f) => !f.path.endsWith('.map'));
  return { files, unpackedBytes: shipped.reduce((n, f) => n + f.raw, 0), maps: files.length - shipped.length };
}

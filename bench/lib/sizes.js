// Sizes of a built extension: every file raw and gzip -9, and what each entry point loads up front
// (its file plus the chunks it imports statically).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export const gzipSize = (buf) => gzipSync(buf, { level: 9 }).length;

/** Every file under `dir`, as paths relative to it with forward slashes. */
export function listFiles(dir) {
  const out = [];
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

/** Static imports of a (minified) ES module: `import … from "./x.js"`, `import "./x.js"`, `export … from`. */
export function staticImports(code) {
  const found = new Set();
  const re = /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'`]([^"'`]+)["'`]/g;
  for (const match of code.matchAll(re)) found.add(match[1]);
  return [...found];
}

/** Dynamic `import("…")` targets (loaded later, not up front). */
export function dynamicImports(code) {
  return [...new Set([...code.matchAll(/\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]))];
}

/** Resolves an import or an HTML src (relative or root-absolute) against the importing file. */
export function resolveRef(from, ref) {
  if (/^[a-z]+:/i.test(ref)) return null; // chrome-extension://, https:// …
  const clean = ref.split(/[?#]/)[0];
  return clean.startsWith('/') ? clean.slice(1) : posix.normalize(posix.join(posix.dirname(from), clean));
}

/** The file and every JS file it imports statically, transitively. */
export function staticClosure(dir, entry) {
  const seen = new Set();
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

/** Scripts and stylesheets an HTML page loads: module script, modulepreloads, stylesheets. */
export function htmlAssets(dir, htmlFile) {
  const html = readFileSync(join(dir, htmlFile), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => resolveRef(htmlFile, m[1]));
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) =>
    resolveRef(htmlFile, m[1]),
  );
  const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) =>
    resolveRef(htmlFile, m[1]),
  );
  const js = new Set();
  for (const s of [...scripts, ...preloads]) if (s) for (const f of staticClosure(dir, s)) js.add(f);
  return { js: [...js], css: styles.filter(Boolean) };
}

/** Raw and gzip -9 bytes of a set of files, each compressed on its own (as served from disk), summed. */
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
 */
export function entrySizes(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
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
  const contentFiles = new Set();
  for (const cs of manifest.content_scripts ?? [])
    for (const f of [...(cs.js ?? []), ...(cs.css ?? [])]) contentFiles.add(f);
  entries.contentScript = sumSizes(dir, [...contentFiles]);
  return entries;
}

/** Every file raw and gzip -9, and the unpacked total without source maps. */
export function fileTable(dir) {
  const files = listFiles(dir).map((path) => {
    const buf = readFileSync(join(dir, path));
    return { path, raw: buf.length, gzip: gzipSize(buf) };
  });
  const shipped = files.filter((f) => !f.path.endsWith('.map'));
  return { files, unpackedBytes: shipped.reduce((n, f) => n + f.raw, 0), maps: files.length - shipped.length };
}

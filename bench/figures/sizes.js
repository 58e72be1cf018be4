// Sizes (store build for Chromium, .output/chrome-mv3): what each entry point loads up front, the
// unpacked build and the store zip. Every file's size and each runtime dependency bundled alone go
// to results.json's extra, for the report's tables.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { log, messageOf, ROOT } from '../lib/bench.js';
import { dependencySizes } from '../lib/bundle.js';
import { entrySizes, fileTable } from '../lib/sizes.js';
import { KB, round } from '../lib/stats.js';

/** @typedef {import('../lib/bench.js').Bench} Bench */

const GROUP = 'Sizes (store build for Chromium, .output/chrome-mv3; KB = 1,000 bytes)';

/** The *-chrome.zip files in .output. */
const chromeZips = () =>
  readdirSync(join(ROOT, '.output'))
    .filter((f) => f.endsWith('-chrome.zip'))
    .map((f) => join(ROOT, '.output', f));

/** `npx wxt zip` (which builds .output/chrome-mv3 first); the zip it wrote. */
function runZip() {
  log('npx wxt zip (store build for Chromium + zip)');
  execFileSync('npx', ['wxt', 'zip'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const [newest] = chromeZips().sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!newest) throw new Error('wxt zip wrote no *-chrome.zip');
  return newest;
}

/**
 * Bytes of JSON formatting in the build's locale files (what minifying them would take off).
 * @param {string} dir
 * @param {import('../lib/sizes.js').FileSize[]} files
 */
function localeWhitespace(dir, files) {
  let bytes = 0;
  for (const f of files.filter((x) => x.path.startsWith('_locales/') && x.path.endsWith('.json'))) {
    try {
      bytes += f.raw - Buffer.byteLength(JSON.stringify(JSON.parse(readFileSync(join(dir, f.path), 'utf8'))));
    } catch {
      // not JSON: not counted
    }
  }
  return bytes;
}

/**
 * size-popup-js, size-background, size-content-script, size-options-js, size-unpacked and size-zip.
 * @param {Bench} bench
 * @param {{ zip: boolean }} options `zip: false` (--no-zip): no `wxt zip`, the build and a zip already in .output
 */
export async function measureSizes(bench, { zip }) {
  /** @type {string | null} */
  let zipPath = null;
  /** @type {unknown} */
  let zipError = null;
  if (zip) {
    try {
      zipPath = runZip();
    } catch (error) {
      zipError = error;
    }
  } else {
    zipPath = chromeZips()[0] ?? null;
  }
  const dir = join(ROOT, '.output/chrome-mv3');
  const entries = entrySizes(dir);
  const table = fileTable(dir);
  const { extra } = bench;
  extra.files = table.files;
  extra.localeWhitespace = localeWhitespace(dir, table.files);
  extra.entries = entries;
  log('bundling each dependency alone (Vite) to see what the bundles are made of');
  extra.dependencies = await dependencySizes(ROOT);
  const { popupJs, background, contentScript, optionsJs } = entries;
  if (!popupJs || !background) throw new Error(`${dir}/manifest.json names no popup or no service worker`);
  /** @param {number} n */
  const kb = (n) => n / KB;
  /** @param {string[]} files */
  const list = (files) => files.join(' + ');
  /**
   * @param {string} id
   * @param {string} label
   * @param {number | null} bytes null: not measured
   * @param {string} note
   * @param {number} [budget] in KB
   */
  const addSize = (id, label, bytes, note, budget) =>
    bench.add({ group: GROUP, id, label, unit: 'KB', runs: bytes === null ? [] : [kb(bytes)], budget, note });
  /** @param {import('../lib/sizes.js').SizeSum} entry */
  const gzipped = (entry) => `${list(entry.files)}; raw ${round(kb(entry.raw))} KB`;
  addSize('size-popup-js', 'Popup JS, gzip -9 (entry + chunks it imports)', popupJs.gzip, gzipped(popupJs), 40);
  addSize(
    'size-background',
    'Service worker, gzip -9 (background.js + chunks it imports)',
    background.gzip,
    gzipped(background),
    40,
  );
  addSize(
    'size-content-script',
    'Content script, raw',
    contentScript.raw,
    `${list(contentScript.files)}; gzip -9 ${round(kb(contentScript.gzip))} KB`,
    15,
  );
  if (optionsJs)
    addSize('size-options-js', 'Options page JS, gzip -9', optionsJs.gzip, `${gzipped(optionsJs)}; no budget set`);
  addSize(
    'size-unpacked',
    'Unpacked build without source maps',
    table.unpackedBytes,
    `${table.files.length - table.maps} files${table.maps ? `, ${table.maps} source maps left out` : ', no source maps in the build'}`,
    600,
  );
  if (zipPath) addSize('size-zip', 'Store zip (wxt zip)', statSync(zipPath).size, zipPath.slice(ROOT.length + 1), 300);
  else
    addSize('size-zip', 'Store zip (wxt zip)', null, `Not measured: ${zipError ? messageOf(zipError) : 'no zip'}`, 300);
}

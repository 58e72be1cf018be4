import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { Reply } from '@/lib/protocol';
import { currentWorker, launchWithExtension, type ExtensionSession } from './chromium';
import { openPopup } from './portal-steps';

const TOTP =
  'otpauth://totp/intranet.example.com%3Aalice?secret=FHFW2IJQWKG6EBM2XQTMJ34JXGSD5HOL&algorithm=SHA1&digits=6&issuer=intranet.example.com&period=30';
const HOTP =
  'otpauth://hotp/intranet.example.com%3Abob?secret=TPZHOPH4XVZ4KKOQQC34BAMR4GJL4562&algorithm=SHA1&counter=1&digits=6&issuer=intranet.example.com';

/** A QR code as a PNG data URL, made by an independent encoder (qrencode). */
function qrPng(text: string, modulePx = 4): string {
  try {
    return `data:image/png;base64,${execFileSync('qrencode', ['-o', '-', '-t', 'PNG', '-l', 'H', '-s', String(modulePx), '-m', '2', text]).toString('base64')}`;
  } catch (error) {
    throw new Error(`qrencode failed (apt-get install -y qrencode): ${(error as Error).message}`);
  }
}

const PAGES: Record<string, string> = {
  '/img': `<h1>Security</h1><img src="${qrPng(TOTP)}" width="164" height="164">`,
  // Drawn into a canvas only, as Bitrix's QR library does before it copies it into an <img>.
  '/canvas': `<canvas id="c" width="164" height="164"></canvas><script>
    const img = new Image(); img.onload = () => document.getElementById('c').getContext('2d').drawImage(img, 0, 0, 164, 164);
    img.src = ${JSON.stringify(qrPng(TOTP))};</script>`,
  '/two': `<img src="${qrPng(TOTP)}"><p>and</p><img src="${qrPng(HOTP)}">`,
  '/zoom': `<body style="zoom: 2"><img src="${qrPng(TOTP, 2)}"></body>`,
  // No <img>, no <canvas>: only the screen shows it (CSS background), so the capture must find it.
  '/screen-only': `<div style="width:200px;height:200px;background:url(${qrPng(TOTP)}) no-repeat center/contain"></div>`,
  '/not-otp': `<img src="${qrPng('https://example.com/welcome')}">`,
  '/nothing': '<p>No QR code here.</p>',
};

let server: Server;
let base: string;
let session: ExtensionSession;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><meta charset="utf-8">${PAGES[req.url ?? ''] ?? 'not found'}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // A host that is no portal: scanning needs only the popup's one-time grant for the tab.
  base = `http://scan.test:${(server.address() as AddressInfo).port}`;
  session = await launchWithExtension();
});

afterAll(async () => {
  await session?.close();
  await new Promise((resolve) => server.close(resolve));
});

/** Opens the page, clicks the toolbar button, and scans from the popup, as a user would. */
async function scan(path: string, region?: { x: number; y: number; width: number; height: number }) {
  const page: Page = await session.browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(`${base}${path}`, { waitUntil: 'load' });
  const popup = await openPopup(session, page);
  try {
    return (await popup.evaluate(async (r) => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return chrome.runtime.sendMessage({ type: 'scan-tab', tabId: tab!.id!, ...(r ? { region: r } : {}) });
    }, region)) as Reply<{ type: 'scan-tab'; tabId: number }>;
  } finally {
    await popup.close();
    await page.close();
  }
}

describe('"Scan this page"', () => {
  it('decodes in the offscreen document, not the service worker; the document stays for the next scan, then goes', async () => {
    const offscreenUrl = `chrome-extension://${session.extension.id}/offscreen.html`;
    const opened = session.browser.waitForTarget((t) => t.url() === offscreenUrl, { timeout: 15_000 });
    expect(await scan('/img')).toMatchObject({
      ok: true,
      source: 'page',
      findings: [{ kind: 'account', label: 'alice' }],
    });
    const target = await opened;
    const hasDocument = async () => (await currentWorker(session)).evaluate(() => chrome.offscreen.hasDocument());
    expect(await hasDocument()).toBe(true);
    // 15 s after its last scan, with no clipboard clearing pending, the document asks to be closed.
    const startedAt = Date.now();
    await expect.poll(hasDocument, { timeout: 30_000, interval: 500 }).toBe(false);
    expect(Date.now() - startedAt).toBeGreaterThan(10_000);
    expect(session.browser.targets()).not.toContain(target);
  });

  it('finds a QR code that is only an <img>', async () => {
    expect(await scan('/img')).toEqual({
      ok: true,
      source: 'page',
      findings: [
        {
          kind: 'account',
          type: 'totp',
          issuer: 'intranet.example.com',
          label: 'alice',
          uri: expect.stringContaining('FHFW2IJQWKG6EBM2XQTMJ34JXGSD5HOL'),
        },
      ],
    });
  });

  it.each([
    ['finds a QR code drawn only into a <canvas>', '/canvas', 'page'],
    ['falls back to the visible tab when the code is neither an image nor a canvas', '/screen-only', 'capture'],
  ] as const)('%s', async (_, path, source) => {
    expect(await scan(path)).toMatchObject({ ok: true, source, findings: [{ kind: 'account', label: 'alice' }] });
  });

  it('finds both QR codes on a page with two', async () => {
    const result = await scan('/two');
    expect(result.ok && result.findings.map((f) => (f.kind === 'account' ? `${f.type}:${f.label}` : f.kind))).toEqual([
      'totp:alice',
      'hotp:bob',
    ]);
  });

  it('finds a small QR code on a page zoomed to 200 %', async () => {
    expect(await scan('/zoom')).toMatchObject({ ok: true, findings: [{ kind: 'account', label: 'alice' }] });
  });

  it('reads a rectangle the user drew', async () => {
    expect(await scan('/screen-only', { x: 0, y: 0, width: 240, height: 240 })).toMatchObject({
      ok: true,
      source: 'region',
      findings: [{ kind: 'account', label: 'alice' }],
    });
    expect(await scan('/screen-only', { x: 600, y: 400, width: 200, height: 200 })).toEqual({
      ok: true,
      source: 'region',
      findings: [],
    });
  });

  it('scans in quick succession all succeed: captures are spaced to what Chromium allows (two a second)', async () => {
    const page: Page = await session.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(`${base}/screen-only`, { waitUntil: 'load' });
    const popup = await openPopup(session, page);
    try {
      const results = await popup.evaluate(async () => {
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        const region = { x: 0, y: 0, width: 240, height: 240 };
        return Promise.all(
          [1, 2, 3].map(() => chrome.runtime.sendMessage({ type: 'scan-tab', tabId: tab!.id!, region })),
        );
      });
      expect(results.map((r: { ok: boolean; source?: string }) => `${r.ok}:${r.source}`)).toEqual([
        'true:region',
        'true:region',
        'true:region',
      ]);
    } finally {
      await popup.close();
      await page.close();
    }
  });

  it('lets the user drag a rectangle on the page, then reopens the popup with what it held', async () => {
    const vault = await session.browser.newPage();
    await vault.goto(`chrome-extension://${session.extension.id}/popup.html`);
    expect(
      await vault.evaluate(() => chrome.runtime.sendMessage({ type: 'vault-create', password: 'scan test password' })),
    ).toEqual({ ok: true });
    await vault.close();
    const page: Page = await session.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(`${base}/screen-only`, { waitUntil: 'load' });
    await page.bringToFront();
    const popup = await openPopup(session, page);
    expect(
      await popup.evaluate(async () => {
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        return chrome.runtime.sendMessage({ type: 'scan-select', tabId: tab!.id! });
      }),
    ).toEqual({ ok: true });
    await popup.close();
    // A page script cannot pick the rectangle for the user: its synthetic drag (over an empty area,
    // which would find nothing) is ignored, and the layer stays for the user's own.
    await page.evaluate(() => {
      const layer = document.elementFromPoint(700, 500)!;
      for (const [type, x] of [
        ['mousedown', 600],
        ['mousemove', 800],
        ['mouseup', 800],
      ] as const) {
        layer.dispatchEvent(new MouseEvent(type, { clientX: x, clientY: x - 200, bubbles: true }));
      }
    });
    const before = new Set(session.browser.targets());
    await page.mouse.move(2, 2);
    await page.mouse.down();
    await page.mouse.move(120, 120);
    await page.mouse.move(235, 235);
    await page.mouse.up();
    const reopened = await (
      await session.browser.waitForTarget((t) => !before.has(t) && t.url().endsWith('/popup.html'), { timeout: 10_000 })
    ).asPage();
    const found = await reopened.waitForSelector('ul.findings li', { timeout: 10_000 });
    expect(await found!.evaluate((li) => li.textContent)).toContain('intranet.example.com — alice');
    expect(await reopened.$$('ul.findings li')).toHaveLength(1);
    await reopened.close();
    await page.close();
  });

  it('says a QR code that is no authenticator secret is not one, and finds nothing where there is nothing', async () => {
    const result = await scan('/not-otp');
    expect(result).toMatchObject({ ok: true, findings: [{ kind: 'not-otp' }] });
    expect(result.ok && result.findings[0]!.kind === 'not-otp' && result.findings[0]!.message).toMatch(
      /not .*authenticator/i,
    );
    expect(await scan('/nothing')).toEqual({ ok: true, source: 'capture', findings: [] });
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { Secret } from 'otpauth';
import { qrencodePng } from '../unit/qr/qrencode';
import { currentWorker, launchWithExtension, type ExtensionSession } from './chromium';
import { openExtensionPage, type ExtensionPage } from './extension-page';
import { totpAround } from './oathtool';
import { openPopup } from './portal-steps';
import { allowClipboard, openUiPage } from './ui-steps';

const PASSWORD = 'correct horse battery staple 24';
const secret = new Secret({ size: 20 }).base32;

let session: ExtensionSession;
let ext: ExtensionPage;
/** A page with a QR code, on a host that is no portal, for "Scan this page". */
let qrServer: Server;
/** A tab that reads and writes the clipboard the way another application would. */
let other: Page;

beforeAll(async () => {
  session = await launchWithExtension();
  await allowClipboard(session);
  ext = await openExtensionPage(session);
  await ext.send({ type: 'vault-create', password: PASSWORD });
  const added = await ext.send({
    type: 'account-add',
    uri: `otpauth://totp/Acme:alice?secret=${secret}&issuer=Acme`,
    origins: [],
  });
  if (!added.ok) throw new Error(added.message);
  other = await openUiPage(session, 'options.html');
  const png = qrencodePng(`otpauth://totp/Scan:bob?secret=${new Secret({ size: 20 }).base32}&issuer=Scan`, {
    module: 4,
    margin: 2,
    level: 'M',
  }).toString('base64');
  qrServer = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><img src="data:image/png;base64,${png}">`);
  });
  await new Promise<void>((resolve) => qrServer.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await session?.close();
  await new Promise((resolve) => qrServer?.close(resolve));
});

const clipboardText = async () => {
  await other.bringToFront();
  return other.evaluate(() => navigator.clipboard.readText());
};
const hasClipboardDocument = async () => (await currentWorker(session)).evaluate(() => chrome.offscreen.hasDocument());

async function setClearAfter(seconds: number) {
  const reply = await ext.send({ type: 'settings-set', patch: { clipboardClearSeconds: seconds } });
  expect(reply).toMatchObject({ ok: true, settings: { clipboardClearSeconds: seconds } });
}

/** Copies alice's code in the popup, which then closes, as it does when the user goes to paste. */
async function copyInPopup(): Promise<string> {
  const popup = await openUiPage(session, 'popup.html');
  await popup.bringToFront();
  const shown = (await (await popup.waitForSelector('button.code'))!.evaluate((b) => b.textContent ?? '')).replace(
    /\s/g,
    '',
  );
  await popup.click('button.code');
  await popup.waitForSelector('.notice-success:not([data-empty])');
  await popup.close();
  return shown;
}

/** Copies alice's code in the popup with clearing set to `seconds`: the code, and when the copy began. */
async function copyClearedAfter(seconds: number): Promise<{ code: string; copiedAt: number }> {
  await setClearAfter(seconds);
  const copiedAt = Date.now();
  return { code: await copyInPopup(), copiedAt };
}

/** The clipboard is emptied, not before `seconds` after `copiedAt`, and with nothing left pending its document goes away. */
async function expectClearedAfter(copiedAt: number, seconds: number): Promise<void> {
  await expect.poll(clipboardText, { timeout: 15_000, interval: 250 }).toBe('');
  expect(Date.now() - copiedAt).toBeGreaterThanOrEqual(seconds * 1_000);
  await expect.poll(hasClipboardDocument, { timeout: 5_000 }).toBe(false);
}

describe('clearing a copied code from the clipboard', () => {
  it('after the set time, with the popup closed and the service worker stopped meanwhile', async () => {
    const { code, copiedAt } = await copyClearedAfter(4);
    expect(totpAround(secret, Date.now())).toContain(code);
    expect(await clipboardText()).toBe(code);
    expect(await hasClipboardDocument()).toBe(true);
    await session.worker.close().catch(() => undefined);
    await expectClearedAfter(copiedAt, 4);
  });

  it('shares its document with QR decoding: a scan meanwhile reads the page, and the code is still cleared on time', async () => {
    const { code, copiedAt } = await copyClearedAfter(6);
    expect(await hasClipboardDocument()).toBe(true);

    const page = await session.browser.newPage();
    await page.goto(`http://scan.test:${(qrServer.address() as AddressInfo).port}/`, { waitUntil: 'load' });
    const popup = await openPopup(session, page);
    const scanned = await popup.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return chrome.runtime.sendMessage({ type: 'scan-tab', tabId: tab!.id! });
    });
    await popup.close();
    await page.close();
    expect(scanned).toMatchObject({ ok: true, source: 'page', findings: [{ kind: 'account', label: 'bob' }] });
    // The decoding is over, the clear is not: the document stays for it.
    expect(Date.now() - copiedAt).toBeLessThan(6_000);
    expect(await hasClipboardDocument()).toBe(true);
    expect(await clipboardText()).toBe(code);
    await expectClearedAfter(copiedAt, 6);
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    const { code, copiedAt } = await copyClearedAfter(3);
    expect(await clipboardText()).toBe(code);
    await other.evaluate(() => navigator.clipboard.writeText('a sentence the user copied'));
    // The document goes once its timer has fired and looked.
    await expect.poll(hasClipboardDocument, { timeout: 15_000, interval: 250 }).toBe(false);
    expect(Date.now() - copiedAt).toBeGreaterThanOrEqual(3_000);
    expect(await clipboardText()).toBe('a sentence the user copied');
  });

  it('clears at once when the vault locks', async () => {
    await setClearAfter(600);
    const code = await copyInPopup();
    expect(await clipboardText()).toBe(code);
    expect(await ext.send({ type: 'vault-lock' })).toEqual({ ok: true });
    await expect.poll(clipboardText, { timeout: 3_000, interval: 100 }).toBe('');
    expect(await ext.send({ type: 'vault-unlock', password: PASSWORD })).toEqual({ ok: true });
  });

  it('never, when clearing is off', async () => {
    await setClearAfter(0);
    const code = await copyInPopup();
    expect(await hasClipboardDocument()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await clipboardText()).toBe(code);
  });
});

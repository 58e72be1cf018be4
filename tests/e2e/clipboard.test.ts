import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { Secret } from 'otpauth';
import { currentWorker, launchWithExtension, type ExtensionSession } from './chromium';
import { openExtensionPage, type ExtensionPage } from './extension-page';
import { totpAround } from './oathtool';
import { allowClipboard, openUiPage } from './ui-steps';

const PASSWORD = 'correct horse battery staple 24';
const secret = new Secret({ size: 20 }).base32;

let session: ExtensionSession;
let ext: ExtensionPage;
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
});

afterAll(async () => {
  await session?.close();
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

describe('clearing a copied code from the clipboard', () => {
  it('after the set time, with the popup closed and the service worker stopped meanwhile', async () => {
    await setClearAfter(4);
    const copiedAt = Date.now();
    const code = await copyInPopup();
    expect(totpAround(secret, Date.now())).toContain(code);
    expect(await clipboardText()).toBe(code);
    expect(await hasClipboardDocument()).toBe(true);
    await session.worker.close().catch(() => undefined);

    await expect.poll(clipboardText, { timeout: 15_000, interval: 250 }).toBe('');
    expect(Date.now() - copiedAt).toBeGreaterThanOrEqual(4_000);
    // Nothing is left pending, so the clipboard document goes away.
    await expect.poll(hasClipboardDocument, { timeout: 5_000 }).toBe(false);
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    await setClearAfter(3);
    const copiedAt = Date.now();
    const code = await copyInPopup();
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

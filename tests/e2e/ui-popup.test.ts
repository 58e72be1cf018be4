import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { Secret } from 'otpauth';
import { startPortal } from '../portal/server.js';
import { currentWorker, launchWithExtension, type ExtensionSession } from './chromium';
import { openExtensionPage } from './extension-page';
import { hotpAt, totpAround } from './oathtool';
import { firstRunInPopup } from './scenarios/first-run';
import { openPopup, signInWithPassword } from './portal-steps';
import { allowClipboard, axeViolations, openUiPage, textOf, typeInto } from './ui-steps';

const PASSWORD = 'correct horse battery staple 24';
/** A key as Bitrix24 shows it under the QR code: lower-case groups of four. */
const secret = new Secret({ size: 20 }).base32;
const spacedKey = secret
  .toLowerCase()
  .replace(/(.{4})/g, '$1 ')
  .trim();

/** A QR code as PNG bytes, made by an independent encoder (qrencode). */
function qrPng(text: string): Buffer {
  try {
    return execFileSync('qrencode', ['-o', '-', '-t', 'PNG', '-s', '4', '-m', '2', text]);
  } catch (error) {
    throw new Error(`qrencode failed (apt-get install -y qrencode): ${(error as Error).message}`);
  }
}

const qrSecrets = { page: new Secret({ size: 20 }).base32, picture: new Secret({ size: 20 }).base32 };

let session: ExtensionSession;
let portal: Awaited<ReturnType<typeof startPortal>>;
/** A web page that shows a QR code, as a portal's security page does. */
let qrPage: Server;
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'b24a-ui-'));
  portal = await startPortal();
  const png = qrPng(`otpauth://totp/Scanned:page-user?secret=${qrSecrets.page}&issuer=Scanned`).toString('base64');
  qrPage = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><title>Security</title><img src="data:image/png;base64,${png}" width="164" height="164">`);
  });
  await new Promise<void>((resolve) => qrPage.listen(0, '127.0.0.1', resolve));
  session = await launchWithExtension();
  await allowClipboard(session);
});

afterAll(async () => {
  await session?.close();
  await portal?.close();
  await new Promise((resolve) => qrPage?.close(resolve));
  await rm(folder, { recursive: true, force: true });
});

/** An extension page over an unlocked vault, whichever test runs first. */
async function unlockedExtensionPage() {
  const ext = await openExtensionPage(session);
  const status = await ext.send({ type: 'vault-status' });
  if (status.ok && status.state === 'empty') await ext.send({ type: 'vault-create', password: PASSWORD });
  if (status.ok && status.state === 'locked') await ext.send({ type: 'vault-unlock', password: PASSWORD });
  return ext;
}

const shownCode = async (page: Page) => (await textOf(page, 'button.code')).replace(/\s/g, '');

describe('the popup in Chromium', () => {
  it('first run → add an account by typed key → the code is oathtool’s → copy → lock → unlock', async () => {
    const page = await openUiPage(session, 'popup.html');
    await page.bringToFront();

    await firstRunInPopup(page, PASSWORD, secret, spacedKey);
    await page.close();
  });

  it('a mistyped key is refused next to the field, and nothing is added', async () => {
    const page = await openUiPage(session, 'popup.html');
    await (await page.waitForSelector('aria/Add account'))!.click();
    await typeInto(page, 'aria/Secret key', 'JBSW Y3DP EHPK 3PX1');
    await typeInto(page, 'aria/Login', 'bob');
    await page.click('button[type="submit"]');
    const error = await textOf(page, '.field .error');
    expect(error).toMatch(/not a valid key/);
    // The message belongs to the key field.
    const describedBy = await page.$eval('input[name="secret"]', (e) => e.getAttribute('aria-describedby') ?? '');
    expect(describedBy).toContain(await page.$eval('.field .error', (e) => e.id));
    await page.close();
    const ext = await openExtensionPage(session);
    const list = await ext.send({ type: 'accounts-list' });
    expect(list.ok && list.accounts.map((a) => a.label)).toEqual(['alice']);
    await ext.page.close();
  });

  it('adds accounts from QR codes: a picture decoded in the popup, and the page under the toolbar popup', async () => {
    const picture = join(folder, 'qr.png');
    await writeFile(picture, qrPng(`otpauth://totp/Pictured:picture-user?secret=${qrSecrets.picture}&issuer=Pictured`));
    const page = await openUiPage(session, 'popup.html');
    await (await page.waitForSelector('aria/Add account'))!.click();
    const input = (await page.waitForSelector('section.scan input[type="file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(picture);
    await (await page.waitForSelector('aria/Add — Pictured — picture-user'))!.click();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('li.account')].some((li) => li.textContent?.includes('picture-user')),
    );
    const codeOf = (login: string) =>
      page.$$eval(
        'li.account',
        (rows, l) => rows.find((row) => row.textContent?.includes(l))?.querySelector('button.code')?.textContent ?? '',
        login,
      );
    expect(totpAround(qrSecrets.picture, Date.now())).toContain((await codeOf('picture-user')).replace(' ', ''));
    await page.close();

    // "Scan this page" reads the QR code on the web page the toolbar popup was opened over.
    const web = await session.browser.newPage();
    await web.goto(`http://scan.test:${(qrPage.address() as AddressInfo).port}/`);
    const popup = await openPopup(session, web);
    await (await popup.waitForSelector('aria/Add account'))!.click();
    await (await popup.waitForSelector('aria/Scan this page'))!.click();
    await (await popup.waitForSelector('aria/Add — Scanned — page-user'))!.click();
    await popup.waitForFunction(() =>
      [...document.querySelectorAll('li.account')].some((li) => li.textContent?.includes('page-user')),
    );
    await popup.close();
    await web.close();
  });

  it('details against the real background: rename, HOTP resync, recovery codes, delete', async () => {
    const ext = await unlockedExtensionPage();
    const hotpKey = new Secret({ size: 20 }).base32;
    const added = await ext.send({
      type: 'account-add',
      uri: `otpauth://hotp/Counter:carl?secret=${hotpKey}&counter=0`,
      origins: [],
    });
    if (!added.ok) throw new Error(added.message);
    await ext.page.close();
    const page = await openUiPage(session, 'popup.html');
    await (await page.waitForSelector('aria/Details — Counter — carl'))!.click();

    await typeInto(page, 'form[aria-labelledby="rename-heading"] .field:first-of-type input', 'carl.b');
    await page.click('form[aria-labelledby="rename-heading"] button[type="submit"]');
    await page.waitForSelector('aria/Counter — carl.b');

    await typeInto(page, 'form[aria-labelledby="counter-heading"] input', '17');
    await page.click('form[aria-labelledby="counter-heading"] button[type="submit"]');
    await page.waitForFunction(() =>
      document.querySelector('form[aria-labelledby="counter-heading"] p')?.textContent?.includes('17'),
    );

    const codes = ['ab12-cd34', 'ef56-gh78', 'ij90-kl12'];
    await typeInto(page, 'section.recovery textarea', codes.join('\n'));
    await page.click('section.recovery form button[type="submit"]');
    await page.waitForFunction(
      () => document.querySelector('section.recovery [data-remaining]')?.textContent === 'Unused: 3 of 3.',
    );

    const check = await openExtensionPage(session);
    const list = await check.send({ type: 'accounts-list' });
    const carl = list.ok ? list.accounts.find((a) => a.id === added.id) : undefined;
    expect(carl).toMatchObject({ label: 'carl.b', issuer: 'Counter', counter: 17 });
    expect(await check.send({ type: 'hotp-next', id: added.id })).toEqual({
      ok: true,
      counter: 17,
      code: hotpAt(hotpKey, 17),
    });
    expect(await check.send({ type: 'recovery-status', accountId: added.id })).toMatchObject({
      ok: true,
      total: 3,
      remaining: 3,
    });

    // The check page took the front; a background tab does not scroll elements into view for clicks.
    await page.bringToFront();
    await page.click('section[aria-labelledby="delete-heading"] button.destructive');
    await (await page.waitForSelector('aria/Delete for good'))!.click();
    await page.waitForSelector('#account-search');
    const after = await check.send({ type: 'accounts-list' });
    expect(after.ok && after.accounts.some((a) => a.id === added.id)).toBe(false);
    await check.page.close();
    await page.close();
  });

  it('works by keyboard alone: search, arrow to a row, Enter copies, details and Escape back', async () => {
    await (await unlockedExtensionPage()).page.close();
    const page = await openUiPage(session, 'popup.html');
    await page.bringToFront();
    await page.waitForSelector('li.account');
    // The search box has focus when the popup opens (moved there once the list has rendered).
    await page.waitForFunction(() => document.activeElement?.id === 'account-search', { timeout: 2_000 });
    await page.keyboard.type('alice');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(
      /copy the code of .*alice/,
    );
    await page.keyboard.press('Enter');
    await page.waitForSelector('.notice-success:not([data-empty])');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await shownCode(page));
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Details — /);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.details h2');
    // Focus moves to Back as the screen opens, as a keyboard user expects.
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Back');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#account-search');
    await page.close();
  });

  it('axe reports no violations on the popup’s screens, light and dark', async () => {
    const page = await openUiPage(session, 'popup.html');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await page.waitForSelector('li.account');
      expect(await axeViolations(page), `list, ${scheme}`).toEqual([]);
      await (await page.waitForSelector('aria/Add account'))!.click();
      await page.waitForSelector('#add-heading');
      expect(await axeViolations(page), `add, ${scheme}`).toEqual([]);
      await (await page.waitForSelector('aria/Cancel'))!.click();
      await page.click('button.details');
      await page.waitForSelector('.details h2');
      expect(await axeViolations(page), `details, ${scheme}`).toEqual([]);
      await (await page.waitForSelector('aria/Back'))!.click();
      await (await page.waitForSelector('aria/Lock'))!.click();
      await page.waitForSelector('#unlock-heading');
      expect(await axeViolations(page), `unlock, ${scheme}`).toEqual([]);
      await typeInto(page, 'aria/Master password', PASSWORD);
      await page.click('button[type="submit"]');
    }
    await page.close();
  });

  it('in the toolbar popup on the bound portal’s code step: the portal first, Fill fills, the icon says a code is here', async () => {
    const ext = await unlockedExtensionPage();
    const alice = 'FHFW2IJQWKG6EBM2XQTMJ34JXGSD5HOL'; // the demo portal's alice
    const added = await ext.send({
      type: 'account-add',
      uri: `otpauth://totp/Demo%20portal%3Aalice?secret=${alice}&issuer=Demo%20portal`,
      origins: [portal.url],
    });
    if (!added.ok) throw new Error(added.message);

    const page = await session.browser.newPage();
    await page.goto(`${portal.url}/auth/`);
    await signInWithPassword(page, 'alice', 'alice');
    await page.waitForSelector('input[name="USER_OTP"]', { visible: true });
    // Only one popup.html may be open, or openPopup would find this page instead of the toolbar popup.
    await ext.page.close();
    const tabId = await session.worker.evaluate(
      async (url) => (await chrome.tabs.query({ url: `${url}/*` }))[0]?.id,
      portal.url,
    );
    await expect
      .poll(() => session.worker.evaluate((id) => chrome.action.getTitle({ tabId: id! }), tabId))
      .toMatch(/code is available/);
    expect(await session.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id! }), tabId)).not.toBe('');

    const popup = await openPopup(session, page);
    // Fill appears once the popup has heard what the tab shows (a code step).
    await popup.waitForSelector('li.account button.fill');
    // The portal's account is listed first, and it alone offers Fill.
    const rows = await popup.$$eval('li.account', (items) =>
      items
        .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
        .map((li) => ({ text: li.textContent, fill: !!li.querySelector('button.fill') })),
    );
    expect(rows[0]).toMatchObject({ fill: true });
    expect(rows[0]!.text).toContain('Demo portal');
    expect(rows.slice(1).every((r) => !r.fill)).toBe(true);
    await popup.click('li.account[data-index="0"] button.fill');
    await popup.waitForSelector('.notice-success:not([data-empty])');
    const filled = await page.$eval('input[name="USER_OTP"]', (input) => (input as HTMLInputElement).value);
    expect(totpAround(alice, Date.now())).toContain(filled);
    await popup.close();

    // Locked: the icon's title says so, on this tab too, and the badge is gone.
    const again = await openExtensionPage(session);
    await again.send({ type: 'vault-lock' });
    await expect.poll(() => session.worker.evaluate(() => chrome.action.getTitle({}))).toMatch(/— locked/);
    await expect
      .poll(() => session.worker.evaluate((id) => chrome.action.getTitle({ tabId: id! }), tabId))
      .toMatch(/— locked/);
    expect(await session.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id! }), tabId)).toBe('');
    await again.send({ type: 'vault-unlock', password: PASSWORD });
    await expect.poll(() => session.worker.evaluate(() => chrome.action.getTitle({}))).toMatch(/— unlocked/);
    await page.close();
    await again.page.close();
  });

  // Last: it stops the worker that `session.worker` names.
  it('a long list opened on a stopped service worker: the first screen at once, then all of it', async () => {
    const ext = await unlockedExtensionPage();
    const bulk = Array.from(
      { length: 30 },
      (_, i) =>
        `otpauth://totp/Bulk:user${String(i).padStart(2, '0')}?secret=${new Secret({ size: 20 }).base32}&issuer=Bulk`,
    ).join('\n');
    const imported = await ext.send({
      type: 'accounts-import',
      fileName: 'bulk.txt',
      data: Buffer.from(bulk).toString('base64'),
    });
    expect(imported).toMatchObject({ ok: true, imported: 30 });
    // A whole list read leaves the account index beside the parked key (names and portals only).
    const listed = await ext.send({ type: 'accounts-list' });
    const total = listed.ok ? listed.accounts.length : 0;
    const saved = async () =>
      (await currentWorker(session)).evaluate(async () => {
        const index = (await chrome.storage.session.get('vault:account-index'))['vault:account-index'] as
          | { entries?: unknown[] }
          | undefined;
        return { entries: index?.entries?.length ?? 0, secret: JSON.stringify(index ?? {}).includes('secret') };
      });
    await expect.poll(saved).toEqual({ entries: total, secret: false });
    await ext.page.close();

    await (await currentWorker(session)).close();
    const page = await openUiPage(session, 'popup.html');
    await page.waitForSelector('li.account button.code');
    // The last account in the list's order is not on the first screen: searching finds it once
    // the whole list has come.
    await typeInto(page, '#account-search', 'user29');
    await page.waitForFunction(() => document.querySelectorAll('li.account').length === 1, { timeout: 5_000 });
    expect(await textOf(page, 'li.account')).toContain('user29');
    expect((await textOf(page, 'li.account button.code')).replace(/\s/g, '')).toMatch(/^\d{6}$/);
    await page.close();
  });
});

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { importTwoAndOneBroken } from './scenarios/import';
import { Secret } from 'otpauth';
import { downloadFolderForFile, waitForDownload } from './downloads';
import { launchWithVault, startForFile } from './extension-page';
import { parseMigrationUriAccounts } from '@/lib/otp';
import { readPng, zbarimg } from '../unit/qr/qrencode';
import { axeViolations, openUiPage, textOf, typeInto } from './ui-steps';

const PASSWORD = 'options page master password';
const keys = [new Secret({ size: 20 }).base32, new Secret({ size: 20 }).base32];

const env = startForFile(() => launchWithVault(PASSWORD));
const downloads = downloadFolderForFile('b24a-downloads-');

/** The options page with downloads going to a folder the test reads. */
async function openOptions(): Promise<Page> {
  const page = await openUiPage(env.session, 'options.html');
  const cdp = await page.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  await page.waitForSelector('#settings-heading');
  return page;
}

async function section(page: Page, heading: string): Promise<ElementHandle<Element>> {
  const handle = await page.waitForSelector(`section[aria-labelledby="${heading}"]`);
  return handle!;
}

describe('the options page in Chromium', () => {
  it('axe reports no violations, light and dark, unlocked and locked', async () => {
    const page = await openOptions();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await page.waitForSelector('#import-heading');
      expect(await axeViolations(page), `unlocked, ${scheme}`).toEqual([]);
    }
    await env.ext.send({ type: 'vault-lock' });
    await page.reload();
    await page.waitForSelector('#unlock-heading');
    expect(await axeViolations(page), 'locked').toEqual([]);
    await typeInto(page, 'form[aria-labelledby="unlock-heading"] input[type="password"]', PASSWORD);
    await page.click('form[aria-labelledby="unlock-heading"] button[type="submit"]');
    await page.waitForSelector('#import-heading');
    await page.close();
  });

  it('saves settings as they change; they hold after a reload and reach the background', async () => {
    const page = await openOptions();
    await typeInto(page, '#setting-autoLockMinutes', '5');
    await page.keyboard.press('Tab');
    await page.waitForSelector('.notice-success:not([data-empty])');
    await page.select('#setting-autofillMode', 'off');
    await page.click('#setting-lockOnIdle');
    await expect
      .poll(async () => {
        const reply = await env.ext.send({ type: 'settings-get' });
        return reply.ok && reply.settings;
      })
      .toMatchObject({ autoLockMinutes: 5, autofillMode: 'off', lockOnIdle: true });
    await page.reload();
    await page.waitForSelector('#setting-autoLockMinutes');
    expect(await page.$eval('#setting-autoLockMinutes', (e) => (e as HTMLInputElement).value)).toBe('5');
    expect(await page.$eval('#setting-autofillMode', (e) => (e as HTMLSelectElement).value)).toBe('off');
    // The popup says how soon it locks.
    const popup = await openUiPage(env.session, 'popup.html');
    expect(await textOf(popup, '.popup-footer .hint')).toBe('Locks automatically after 5 min without use.');
    await popup.close();
    await page.close();
  });

  it('lists the demo build’s self-hosted portals', async () => {
    const page = await openOptions();
    const portals = await section(page, 'portals-access-heading');
    await page.waitForSelector('section[aria-labelledby="portals-access-heading"] .origin');
    const listed = await portals.$$eval('.origin', (items) => items.map((e) => e.textContent));
    expect(listed.sort()).toEqual(['http://127.0.0.1', 'http://localhost']);
    await page.close();
  });

  it('imports a file and reports what happened, then exports what was imported', async () => {
    const page = await openOptions();
    await importTwoAndOneBroken(page, downloads, keys);

    // Again: both are duplicates now.
    await page.click('section[aria-labelledby="import-heading"] button[type="submit"]');
    await page.waitForFunction(() =>
      document.querySelector('.report')?.textContent?.includes('Already in the vault, skipped: 2'),
    );

    await page.click('section[aria-labelledby="export-heading"] button[type="submit"]');
    await page.waitForFunction(() =>
      document.querySelector('section[aria-labelledby="export-heading"] .report')?.textContent?.includes('Saved as'),
    );
    const exported = await waitForDownload(downloads, 'bitrix24-authenticator-otpauth.txt');
    expect(exported).toContain(`secret=${keys[0]}`);
    expect(exported).toContain(`secret=${keys[1]}`);

    // Google Authenticator: QR codes on screen, as a phone would scan them (read here by ZBar).
    const exportSection = await section(page, 'export-heading');
    await (await exportSection.waitForSelector('aria/Google Authenticator export links'))!.click();
    await page.click('section[aria-labelledby="export-heading"] button[type="submit"]');
    const shown = await page.waitForSelector('aria/QR code 1 of 1');
    const scanned = zbarimg(readPng(Buffer.from(await shown!.screenshot({ type: 'png' }))));
    expect(scanned).toHaveLength(1);
    const links = await page.$eval('#export-links', (e) => (e as HTMLTextAreaElement).value);
    expect(scanned).toEqual([links]);
    const secrets = parseMigrationUriAccounts(scanned[0]!).map((account) => account.secret);
    expect(secrets.sort()).toEqual([...keys].sort());
    await page.close();
  });

  it('speaks the chosen language, popup included, and back to the browser’s', async () => {
    const page = await openOptions();
    await Promise.all([page.waitForNavigation(), page.select('#setting-language', 'de')]);
    expect(await textOf(page, '#settings-heading')).toBe('Präferenzen');
    expect(await page.$eval('html', (e) => e.lang)).toBe('de');
    const popup = await openUiPage(env.session, 'popup.html');
    expect(await popup.waitForSelector('button[aria-label="Sperren"]')).not.toBeNull();
    await popup.close();
    // What the background words itself follows too: a refused fill (filling is off since the settings test).
    const catalog = async (language: string) =>
      JSON.parse(await readFile(`public/_locales/${language}/messages.json`, 'utf8')) as Record<
        string,
        { message: string }
      >;
    const tabId = await env.ext.page.evaluate(async () => (await chrome.tabs.getCurrent())!.id!);
    const refusal = { type: 'fill', tabId, accountId: 'any' } as const;
    expect(await env.ext.send(refusal)).toEqual({
      ok: false,
      code: 'fill-off',
      message: (await catalog('de')).fillOff!.message,
    });
    await Promise.all([page.waitForNavigation(), page.select('#setting-language', '')]);
    expect(await textOf(page, '#settings-heading')).toBe('Preferences');
    expect(await env.ext.send(refusal)).toEqual({
      ok: false,
      code: 'fill-off',
      message: (await catalog('en')).fillOff!.message,
    });
    await page.close();
  });

  it('changes the master password, then wipes the vault only after the typed confirmation', async () => {
    const page = await openOptions();
    const change = 'section[aria-labelledby="change-password-heading"]';
    const fields = await page.$$(`${change} input[type="password"]`);
    await fields[0]!.type(PASSWORD);
    await fields[1]!.type('a brand new master password');
    await fields[2]!.type('a brand new master password');
    await page.click(`${change} button[type="submit"]`);
    await page.waitForFunction(
      (s) => document.querySelector(`${s} .notice-success`)?.textContent === 'The master password was changed.',
      {},
      change,
    );
    await env.ext.send({ type: 'vault-lock' });
    expect(await env.ext.send({ type: 'vault-unlock', password: PASSWORD })).toMatchObject({
      ok: false,
      code: 'wrong-password',
    });
    expect(await env.ext.send({ type: 'vault-unlock', password: 'a brand new master password' })).toEqual({ ok: true });

    const wipe = 'section[aria-labelledby="wipe-heading"]';
    const button = `${wipe} button[type="submit"]`;
    await page.type(`${wipe} input`, 'WIP');
    expect(await page.$eval(button, (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    await page.type(`${wipe} input`, 'E');
    expect(await page.$eval(button, (b) => (b as HTMLButtonElement).disabled)).toBe(false);
    await page.click(button);
    await page.waitForSelector('#create-vault-heading');
    expect(await env.ext.send({ type: 'vault-status' })).toEqual({ ok: true, state: 'empty' });
    await page.close();
  });
});

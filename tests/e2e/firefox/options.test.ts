import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { importTwoAndOneBroken } from '../scenarios/import';
import { Secret } from 'otpauth';
import { downloadFolderForFile } from '../downloads';
import { launchWithVault, startForFile, tabIdOf } from '../extension-page';
import { fillWithButton, waitForFieldValue } from '../fill-steps';
import { launchFirefox } from '../firefox';
import { totpAround } from '../oathtool';
import { signInWithPassword, withPortal } from '../portal-steps';
import { openUiPage, typeInto } from '../ui-steps';
import { readPng, zbarimg } from '../../unit/qr/qrencode';
import { parseOtpauthUri } from '@/lib/otp';

/**
 * The options page in Firefox: import, export and the encrypted backup as files, the chosen
 * language, and access to a self-hosted portal granted by the user's click.
 */
const PASSWORD = 'firefox options master password';
const keys = [new Secret({ size: 20 }).base32, new Secret({ size: 20 }).base32];
/** A self-hosted portal's host name, which Firefox resolves to the loopback demo portal. */
const SELF_HOSTED = 'portal.company.test';
const SELF_HOSTED_SECRET = 'FHFW2IJQWKG6EBM2XQTMJ34JXGSD5HOL';

const downloads = downloadFolderForFile('b24a-ff-downloads-');
const env = startForFile(() =>
  withPortal(
    [
      {
        login: 'sam',
        password: 'sam-pw',
        name: 'Sam Self',
        otp: { type: 'totp', secret: SELF_HOSTED_SECRET },
        recoveryCodes: [],
      },
    ],
    () =>
      launchWithVault(PASSWORD, () =>
        launchFirefox(undefined, {
          prefs: {
            'browser.download.folderList': 2,
            'browser.download.dir': downloads,
            'browser.download.useDownloadDir': true,
            'browser.download.always_ask_before_handling_new_types': false,
            // The downloads panel that opens with each download would keep the toolbar popup from opening.
            'browser.download.alwaysOpenPanel': false,
            'network.dns.localDomains': SELF_HOSTED,
          },
        }),
      ),
  ),
);

async function openOptions(): Promise<Page> {
  const page = await openUiPage(env.session, 'options.html');
  await page.waitForSelector('#settings-heading');
  return page;
}

/** The downloaded file whose name starts with `prefix`, once Firefox has finished writing it. */
async function download(prefix: string): Promise<{ name: string; text: string }> {
  for (const started = Date.now(); Date.now() - started < 10_000; ) {
    const names = await readdir(downloads);
    const name = names.find((n) => n.startsWith(prefix) && !n.endsWith('.part'));
    if (name && !names.includes(`${name}.part`)) {
      const text = await readFile(join(downloads, name), 'utf8');
      if (text !== '') return { name, text };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no download named ${prefix}… in ${downloads}`);
}

async function upload(page: Page, selector: string, file: string): Promise<void> {
  const input = (await page.waitForSelector(selector)) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(file);
}

const labels = async () => {
  const list = await env.ext.send({ type: 'accounts-list' });
  return list.ok ? list.accounts.map((a) => a.label).sort() : [];
};

describe('the options page in Firefox', () => {
  it('imports a file and reports what happened, then exports what was imported as a file', async () => {
    const page = await openOptions();
    await importTwoAndOneBroken(page, downloads, keys);
    expect(await labels()).toEqual(['alice', 'bob']);

    await page.click('section[aria-labelledby="export-heading"] button[type="submit"]');
    await page.waitForFunction(() =>
      document.querySelector('section[aria-labelledby="export-heading"] .report')?.textContent?.includes('Saved as'),
    );
    const exported = await download('bitrix24-authenticator-otpauth');
    expect(exported.text).toContain(`secret=${keys[0]}`);
    expect(exported.text).toContain(`secret=${keys[1]}`);
    await page.close();
  });

  it('backup → wipe → restore: the file Firefox saved brings the accounts back; a wrong password restores nothing', async () => {
    const page = await openOptions();
    // The options page asked for persistent storage, which Firefox grants for `unlimitedStorage`.
    const kept = await page.waitForSelector('[data-role="storage-persistence"]');
    expect(await kept!.evaluate((line) => line.textContent)).toBe(
      "The browser keeps the vault's storage even when disk space runs low.",
    );
    expect(await page.evaluate(() => navigator.storage.persisted())).toBe(true);
    const form = 'form[aria-labelledby="backup-export-heading"]';
    await typeInto(page, `${form} input[type="password"]`, 'backup pass 1');
    const [, confirm] = await page.$$(`${form} input[type="password"]`);
    await confirm!.type('backup pass 1');
    await page.click(`${form} button[type="submit"]`);
    await page.waitForFunction(
      (f) =>
        document
          .querySelector(`${f} .notice-success`)
          ?.textContent?.includes('went to the browser’s downloads, checked'),
      {},
      form,
    );
    expect(await page.$eval('[data-role="last-backup"]', (line) => line.textContent)).toMatch(
      /^Last checked backup: .+, with \d+ accounts/,
    );
    const backup = await download('bitrix24-authenticator-backup-');
    expect(JSON.parse(backup.text)).toMatchObject({ format: expect.any(String) });
    expect(backup.text).not.toContain(keys[0]);
    await page.close();

    expect(await env.ext.send({ type: 'vault-wipe' })).toEqual({ ok: true });
    expect(await env.ext.send({ type: 'vault-create', password: 'a new master password' })).toEqual({ ok: true });
    expect(await labels()).toEqual([]);

    const restore = await openOptions();
    const restoreForm = 'form[aria-labelledby="backup-restore-heading"]';
    await upload(restore, `${restoreForm} input[type="file"]`, join(downloads, backup.name));
    await typeInto(restore, `${restoreForm} input[type="password"]`, 'not the backup password');
    await restore.click(`${restoreForm} input[type="checkbox"]`);
    await restore.click(`${restoreForm} button[type="submit"]`);
    await restore.waitForSelector(`${restoreForm} .notice-error:not([data-empty])`);
    expect(await labels()).toEqual([]);

    await typeInto(restore, `${restoreForm} input[type="password"]`, 'backup pass 1');
    await restore.click(`${restoreForm} button[type="submit"]`);
    await restore.waitForFunction(
      (f) => document.querySelector(`${f} .notice-success`)?.textContent?.includes('Restored: 2 accounts'),
      {},
      restoreForm,
    );
    expect(await labels()).toEqual(['alice', 'bob']);
    await restore.close();
  });

  it('speaks the chosen language, popup included, and back to the browser’s', async () => {
    const page = await openOptions();
    await page.select('#setting-language', 'de');
    await page.waitForFunction(() => document.querySelector('#settings-heading')?.textContent === 'Präferenzen');
    expect(await page.$eval('html', (e) => e.lang)).toBe('de');
    const popup = await openUiPage(env.session, 'popup.html');
    expect(await popup.waitForSelector('button[aria-label="Sperren"]')).not.toBeNull();
    await popup.close();
    await page.select('#setting-language', '');
    await page.waitForFunction(() => document.querySelector('#settings-heading')?.textContent === 'Preferences');
    await page.close();
  });

  it('a self-hosted portal: access allowed by a click in the options page, then its sign-in page gets the button and the code', async () => {
    const origin = `http://${SELF_HOSTED}:${env.portal.port}`;
    const added = await env.ext.send({
      type: 'account-add',
      uri: `otpauth://totp/${SELF_HOSTED}:sam?secret=${SELF_HOSTED_SECRET}&issuer=${SELF_HOSTED}`,
      origins: [origin],
    });
    expect(added).toMatchObject({ ok: true });

    // Before: the host is not granted, so the page gets no content script and the popup sees nothing.
    const before = await env.session.browser.newPage();
    await before.goto(`${origin}/auth/`);
    await before.waitForSelector('input[name="USER_LOGIN"]');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await before.$('b24a-fill')).toBeNull();
    await before.close();

    const options = await openOptions();
    await typeInto(options, 'aria/Portal address', origin);
    await options.click('section[aria-labelledby="portals-access-heading"] form button[type="submit"]');
    await options.waitForFunction(
      (o) =>
        document
          .querySelector('section[aria-labelledby="portals-access-heading"] .notice-success')
          ?.textContent?.includes(`Access to ${o} allowed.`),
      { timeout: 10_000 },
      origin,
    );
    const listed = await options.$$eval('section[aria-labelledby="portals-access-heading"] .origin', (items) =>
      items.map((e) => e.textContent),
    );
    expect(listed).toContain(`http://${SELF_HOSTED}`);
    await options.close();

    const page = await env.session.browser.newPage();
    await page.goto(`${origin}/auth/`);
    await signInWithPassword(page, 'sam', 'sam-pw');
    await page.waitForSelector('input[name="USER_OTP"]', { visible: true });
    await expect
      .poll(async () => {
        const reply = await env.ext.send({ type: 'get-tab-state', tabId: await tabIdOf(env.ext, page) });
        return reply.ok ? reply.frames.map((f) => `${f.origin} ${f.state}`) : [];
      })
      .toEqual([`${origin} otp`]);
    await fillWithButton(env.session, env.ext, page, 'sam');
    const code = await waitForFieldValue(page, (v) => v !== '');
    expect(totpAround(SELF_HOSTED_SECRET, Date.now())).toContain(code);
    await page.close();
  });

  it('passkey unlock is not offered, and the options page says why', async () => {
    const options = await openUiPage(env.session, 'options.html');
    const note = await options.waitForSelector('[data-role="passkey-unavailable"]');
    expect(await note!.evaluate((e) => e.textContent)).toBe(
      'This browser does not let the extension use passkeys, so the vault opens with the master password only.',
    );
    expect(await options.$('[data-role="passkeys"] form')).toBeNull();
    await options.close();
  });

  it('one account as a QR code for a phone, after the master password: ZBar reads the account', async () => {
    const secret = new Secret({ size: 20 }).base32;
    expect(
      await env.ext.send({
        type: 'account-add',
        uri: `otpauth://totp/Phone:pat?secret=${secret}&issuer=Phone`,
        origins: ['https://company.bitrix24.com'],
      }),
    ).toMatchObject({ ok: true });
    const popup = await openUiPage(env.session, 'popup.html');
    await (await popup.waitForSelector('button[aria-label="Details — Phone — pat"]'))!.click();
    await (await popup.waitForSelector('section.account-qr button'))!.click();
    // The vault's password since the backup test re-created it.
    await typeInto(popup, 'section.account-qr input[type="password"]', 'a new master password');
    await popup.keyboard.press('Enter');
    const qr = await popup.waitForSelector('section.account-qr svg');
    const scanned = zbarimg(readPng(Buffer.from(await qr!.screenshot({ type: 'png' }))));
    expect(scanned.map((uri) => parseOtpauthUri(uri))).toMatchObject([{ secret, issuer: 'Phone', label: 'pat' }]);
    await popup.close();
  });
});

import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { downloadFolderForFile, waitForDownload } from './downloads';
import { addAccount, launchWithVault, startForFile } from './extension-page';
import { openUiPage, typeInto } from './ui-steps';

// Issue 16, "never lose a vault", in Chromium: the browser is asked to keep the vault's storage,
// the popup reminds of a vault without a backup until one is made, and a backup is read back once
// saved, so a file that was not written whole is found out.

const ALICE = 'otpauth://totp/Company:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Company';
const REMINDER = "No backup of your vault yet. If this browser's data is lost, your accounts go with it.";

const env = startForFile(
  () => launchWithVault('backup safety master password'),
  (started) => addAccount(started.ext, ALICE, 'https://company.bitrix24.com'),
);
const downloads = downloadFolderForFile('b24a-backup-downloads-');

/** The popup's text once its list and what is asked for after it (the reminder) are in. */
async function popupText(): Promise<{ page: Page; text: string }> {
  const page = await openUiPage(env.session, 'popup.html');
  await page.waitForSelector('li.account');
  // The reminder is asked for after the list is drawn: give its reply time to arrive.
  await new Promise((resolve) => setTimeout(resolve, 500));
  return { page, text: await page.$eval('body', (body) => body.textContent ?? '') };
}

async function saveBackup(page: Page, password: string): Promise<string> {
  const form = 'form[aria-labelledby="backup-export-heading"]';
  await typeInto(page, `${form} input[type="password"]`, password);
  const [, confirm] = await page.$$(`${form} input[type="password"]`);
  await confirm!.type(password);
  await page.click(`${form} button[type="submit"]`);
  // The export, then the read-back (two Argon2id derivations) before either notice has words.
  const said = await page.waitForFunction(
    (f) =>
      [...document.querySelectorAll(`${f} .notice-success, ${f} .notice-error`)]
        .map((notice) => notice.textContent ?? '')
        .find((text) => text !== ''),
    { timeout: 15_000 },
    form,
  );
  return (await said.jsonValue()) as string;
}

async function optionsAtBackup(page: Page): Promise<void> {
  const cdp = await page.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  await page.waitForSelector('[data-role="last-backup"]');
}

describe('never losing the vault', () => {
  it('asks the browser to keep the storage, and says it is kept', async () => {
    const page = await openUiPage(env.session, 'options.html');
    const line = await page.waitForSelector('[data-role="storage-persistence"]');
    expect(await line!.evaluate((element) => element.textContent)).toBe(
      "The browser keeps the vault's storage even when disk space runs low.",
    );
    // Chromium keeps an extension's storage from eviction for `unlimitedStorage` (it answers
    // persist() with false for extensions): the permission is what holds it.
    expect(await page.evaluate(() => chrome.permissions.contains({ permissions: ['unlimitedStorage'] }))).toBe(true);
    await page.close();
  });

  it('the popup reminds of a vault without a backup and leads to the backup section', async () => {
    const { page, text } = await popupText();
    expect(text).toContain(REMINDER);
    const opened = env.session.browser.waitForTarget((t) => t.url().endsWith('/options.html#backup'));
    await page.click('.reminder button.primary');
    const options = (await (await opened).asPage())!;
    await options.waitForSelector('#backup');
    await options.close();
  });

  it('a backup file not written whole is found out: it does not count, and the reminder stays', async () => {
    const page = await openUiPage(env.session, 'options.html');
    await optionsAtBackup(page);
    // A faulty write: what the browser is handed to save loses its end (a full disk, a crash).
    await page.evaluate(() => {
      const Whole = Blob;
      window.Blob = class extends Whole {
        constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
          super([String(parts?.[0] ?? '').slice(0, -40)], options);
        }
      };
    });
    expect(await saveBackup(page, 'backup pass 1')).toBe(
      'The saved backup file does not open with its password or does not hold what was written. Do not rely on it: save another one.',
    );
    expect(await page.$eval('[data-role="last-backup"]', (line) => line.textContent)).toBe(
      'No backup of this vault has been made in this browser yet.',
    );
    await page.close();
    const { page: popup, text } = await popupText();
    expect(text).toContain(REMINDER);
    await popup.close();
  });

  it('a backup saved whole is read back and counts: the options page names it, the reminder is gone', async () => {
    const page = await openUiPage(env.session, 'options.html');
    await optionsAtBackup(page);
    const saved = await saveBackup(page, 'backup pass 2');
    expect(saved).toMatch(
      /^(bitrix24-authenticator-backup-\d{4}-\d\d-\d\d\.json) went to the browser’s downloads, checked: it opens with its password and holds 1 accounts and 0 sets of recovery codes\. Make sure the download finished\.$/,
    );
    expect(await page.$eval('[data-role="last-backup"]', (line) => line.textContent)).toMatch(
      /^Last checked backup: .+, with 1 accounts and 0 sets of recovery codes\.$/,
    );
    // What was checked is the file on disk: it restores with its password (the background reads it back).
    const name = saved.match(/^(\S+) went/)![1]!;
    const file = await waitForDownload(downloads, name);
    expect(JSON.parse(file)).toMatchObject({ format: expect.any(String) });
    await page.close();
    const { page: popup, text } = await popupText();
    expect(text).not.toContain(REMINDER);
    await popup.close();
  });
});

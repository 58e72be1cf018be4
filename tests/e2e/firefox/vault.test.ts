import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from 'otpauth';
import { openExtensionPage, type ExtensionPage } from '../extension-page';
import { launchFirefox, type FirefoxSession } from '../firefox';
import { totpAround } from '../oathtool';
import { firstRunInPopup } from '../scenarios/first-run';
import { openUiPage } from '../ui-steps';

/**
 * The vault in Firefox, whose background is an event page: unloaded when idle (here after
 * IDLE_MS, Firefox's pref), woken by the next message, and gone with the browser.
 */
const PASSWORD = 'correct horse battery staple 24';
const IDLE_MS = 2_000;
const secret = new Secret({ size: 20 }).base32;
const spacedKey = secret
  .toLowerCase()
  .replace(/(.{4})/g, '$1 ')
  .trim();

let profile: string;
let session: FirefoxSession | null = null;
let ext: ExtensionPage;

async function launch() {
  session = await launchFirefox(undefined, {
    userDataDir: profile,
    prefs: { 'extensions.background.idle.timeout': IDLE_MS },
  });
  ext = await openExtensionPage(session);
}

/** Marks the background page's window, so a test can tell a reloaded page from the same one. */
const markBackground = () =>
  ext.page.evaluate(async () => {
    const page = (await browser.runtime.getBackgroundPage()) as unknown as { marker?: string };
    page.marker = 'the first page';
  });
const backgroundMarker = () =>
  ext.page.evaluate(
    async () => ((await browser.runtime.getBackgroundPage()) as unknown as { marker?: string }).marker ?? 'a new page',
  );

beforeAll(async () => {
  profile = await mkdtemp(join(tmpdir(), 'b24a-firefox-'));
  await launch();
});

afterAll(async () => {
  await session?.close();
  await rm(profile, { recursive: true, force: true });
});

describe('the vault in Firefox', () => {
  it('first run in the popup: create the vault, add by typed key, oathtool’s code, copy, lock, unlock', async () => {
    const page = await openUiPage(session!, 'popup.html');
    await page.bringToFront();
    await firstRunInPopup(page, PASSWORD, secret, spacedKey);
    await page.close();
  });

  it('stays unlocked when the idle background page is unloaded; the next message wakes it', async () => {
    await markBackground();
    expect(await backgroundMarker()).toBe('the first page');
    // Idle: no message for longer than the idle timeout.
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS * 3));
    expect(await ext.send({ type: 'vault-status' })).toEqual({ ok: true, state: 'unlocked' });
    expect(await backgroundMarker()).toBe('a new page');
    const list = await ext.send({ type: 'accounts-list' });
    expect(list.ok && list.accounts.map((a) => a.label)).toEqual(['alice']);
  });

  it('clears a copied code from the clipboard after the set time, the background page unloaded meanwhile', async () => {
    expect(await ext.send({ type: 'settings-set', patch: { clipboardClearSeconds: 4 } })).toMatchObject({ ok: true });
    const popup = await openUiPage(session!, 'popup.html');
    await popup.bringToFront();
    const shown = (await popup.$eval('button.code', (b) => b.textContent ?? '')).replace(/\s/g, '');
    await popup.click('button.code');
    await popup.waitForSelector('.notice-success:not([data-empty])');
    expect(await popup.$eval('.notice-success', (n) => n.textContent)).toContain('4');
    const copiedAt = Date.now();
    expect(totpAround(secret, Date.now())).toContain(shown);
    expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe(shown);
    await popup.close();
    await markBackground();

    await expect.poll(() => ext.page.evaluate(() => navigator.clipboard.readText()), { timeout: 15_000 }).toBe('');
    expect(Date.now() - copiedAt).toBeGreaterThanOrEqual(4_000);
    // The page that set the timer was unloaded in between: the alarm finished the job.
    expect(await backgroundMarker()).toBe('a new page');
  });

  it('the background page may compile WebAssembly, where Argon2id runs (its policy allows it)', async () => {
    const compiled = await ext.page.evaluate(async () => {
      const page = (await browser.runtime.getBackgroundPage()) as unknown as typeof globalThis;
      try {
        await page.WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
        return 'compiled';
      } catch (error) {
        return String(error);
      }
    });
    expect(compiled).toBe('compiled');
  });

  it('locks when the auto-lock alarm fires', async () => {
    await ext.page.evaluate(() => browser.alarms.create('auto-lock', { when: Date.now() + 200 }));
    await expect
      .poll(async () => (await ext.send({ type: 'vault-status' })) as unknown, { timeout: 10_000 })
      .toEqual({ ok: true, state: 'locked' });
    expect(await ext.send({ type: 'accounts-list' })).toMatchObject({ ok: false, code: 'locked' });
  });

  it('after a browser restart the vault is locked, and everything is still there', async () => {
    expect(await ext.send({ type: 'vault-unlock', password: PASSWORD })).toEqual({ ok: true });
    await session!.close();
    await launch();
    expect(await ext.send({ type: 'vault-status' })).toEqual({ ok: true, state: 'locked' });
    expect(await ext.send({ type: 'vault-unlock', password: 'not the password' })).toMatchObject({
      ok: false,
      code: 'wrong-password',
    });
    expect(await ext.send({ type: 'vault-unlock', password: PASSWORD })).toEqual({ ok: true });
    const list = await ext.send({ type: 'accounts-list' });
    expect(list.ok && list.accounts.map((a) => a.label)).toEqual(['alice']);
  });
});

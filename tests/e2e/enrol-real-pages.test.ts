import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { Reply } from '@/lib/protocol';
import { startPortal } from '../portal/server.js';
import { launchWithExtension, type ExtensionSession } from './chromium';
import { openExtensionPage, type ExtensionPage } from './extension-page';
import { clickFillButton, pageText, settle, waitForFieldValue } from './fill-steps';
import { hotpAt, totpAround } from './oathtool';
import { addToAuthenticator, checkCodes, confirmOnPortal, openPopup, signInWithPassword } from './portal-steps';
import { findInFiles, needleForms } from './profile-scan';

/**
 * Enrolment as real pages make it hard: the QR block's first canvas blank, no readable QR at all,
 * the push two-factor QR that holds no secret, two people enrolling on one portal.
 */
type PushLink = { login: string; link: string; channelTag: string; hash: string };

let portal: Awaited<ReturnType<typeof startPortal>>;
let session: ExtensionSession;
let ext: ExtensionPage;
let profile: string;

const person = (login: string, name: string, extra: object = {}) => ({
  login,
  password: `${login}-pw`,
  name,
  otp: null,
  recoveryCodes: [],
  ...extra,
});

beforeAll(async () => {
  portal = await startPortal({
    users: {
      users: [
        person('frank', 'Frank Fischer'),
        person('gina', 'Gina Gomez'),
        person('hank', 'Hank Hill'),
        person('ivy', 'Ivy Irwin'),
        person('jill', 'Jill Jones'),
        person('kate', 'Kate Kim'),
        person('pete', 'Pete Park', { defaultType: 'push' }),
      ],
    },
  });
  profile = await mkdtemp(join(tmpdir(), 'b24a-enrol-'));
  session = await launchWithExtension(undefined, { userDataDir: profile });
  ext = await openExtensionPage(session);
  expect(await ext.send({ type: 'vault-create', password: 'enrolment pages password' })).toEqual({ ok: true });
});

afterAll(async () => {
  await session?.close();
  await portal?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

beforeEach(async () => {
  await session.browser.deleteCookie(...(await session.browser.cookies()));
});

async function securityPage(login: string, query: string): Promise<Page> {
  const page = await session.browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(`${portal.url}/auth/?backurl=${encodeURIComponent(`/security/?${query}`)}`);
  await signInWithPassword(page, login, `${login}-pw`);
  await page.waitForSelector('#user-otp-container [data-role="qr-code-block"]');
  return page;
}

const keyOf = async (page: Page) =>
  (await page.$eval('table.bx-otp-token-result-code span', (s) => s.textContent!)).replace(/\s/g, '');

/** "Scan this page" from the real popup, opened by the toolbar button (which grants the tab's capture). */
async function scanFromPopup(page: Page) {
  const popup = await openPopup(session, page);
  try {
    return (await popup.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return chrome.runtime.sendMessage({ type: 'scan-tab', tabId: tab!.id! });
    })) as Reply<{ type: 'scan-tab'; tabId: number }>;
  } finally {
    await popup.close();
  }
}

/** The stored accounts without their live codes, which change every period and would make "nothing changed" flaky. */
async function accounts() {
  const list = await ext.send({ type: 'accounts-list' });
  if (!list.ok) throw new Error(list.message);
  return list.accounts.map(({ code: _code, expiresAt: _expiresAt, ...stored }) => stored);
}

describe('enrolment on pages as they really are', () => {
  it('the QR block’s first canvas is blank: the QR code in the image after it is read, and the account is named after the login', async () => {
    const page = await securityPage('frank', 'type=totp&qr=blank-first');
    const [firstKind, firstBlank] = await page.$eval('[data-role="qr-code-block"]', (block) => {
      const first = block.firstElementChild as HTMLCanvasElement;
      const pixels = first.getContext('2d')!.getImageData(0, 0, first.width, first.height).data;
      return [first.tagName, pixels.every((v) => v === 255)] as const;
    });
    expect([firstKind, firstBlank]).toEqual(['CANVAS', true]); // the trap is really there
    await addToAuthenticator(page);
    await expect.poll(() => checkCodes(page), { timeout: 5_000 }).not.toEqual(['']);
    const secret = await keyOf(page);
    expect(totpAround(secret, Date.now())).toContain((await checkCodes(page))[0]);
    await confirmOnPortal(page);
    // The label came from the QR code (issuer:login), not from the page's host.
    expect((await accounts()).map(({ label, type, origins }) => ({ label, type, origins }))).toEqual([
      { label: 'frank', type: 'totp', origins: [portal.url] },
    ]);
    await page.close();
  });

  it('a QR code drawn as inline SVG (no image, no canvas) is read too', async () => {
    const before = (await accounts()).length;
    const page = await securityPage('ivy', 'type=totp&qr=svg');
    expect(await page.$$('[data-role="qr-code-block"] img, [data-role="qr-code-block"] canvas')).toEqual([]);
    expect(await page.$$('[data-role="qr-code-block"] svg')).toHaveLength(1);
    await addToAuthenticator(page);
    await expect.poll(() => checkCodes(page), { timeout: 5_000 }).not.toEqual(['']);
    expect(totpAround(await keyOf(page), Date.now())).toContain((await checkCodes(page))[0]);
    await confirmOnPortal(page);
    const list = await accounts();
    expect(list).toHaveLength(before + 1);
    expect(list.map((a) => a.label)).toContain('ivy'); // from the QR code, not the header's name
    await page.close();
  });

  it('a QR code only the screen shows (a CSS background): the button says to scan the page, and the popup’s scan reads it from a capture', async () => {
    const before = await accounts();
    const page = await securityPage('jill', 'type=totp');
    await page.waitForSelector('[data-role="qr-code-block"] img');
    const secret = await keyOf(page);
    // Redrawn as a background, and no key text: no image to read, nothing to type.
    await page.evaluate(() => {
      const block = document.querySelector('[data-role="qr-code-block"]')!;
      const src = block.querySelector('img')!.src;
      block.innerHTML = `<div style="width:164px;height:164px;background:url(${src}) no-repeat center/contain"></div>`;
      document.querySelector('table.bx-otp-token-result-code')!.remove();
    });
    // A click in the page grants no capture of the tab (Chromium asks for the toolbar button's grant).
    await addToAuthenticator(page);
    await expect
      .poll(() => pageText(page), { timeout: 5_000 })
      .toContain("open the extension's popup and use Scan this page");
    expect(await checkCodes(page)).toEqual(['']);
    expect(await accounts()).toEqual(before);

    const scanned = await scanFromPopup(page);
    expect(scanned).toMatchObject({
      ok: true,
      source: 'capture',
      findings: [{ kind: 'account', label: 'jill', uri: expect.stringContaining(secret) }],
    });
    await page.close();
  });

  it('HOTP with no readable QR code: from the key alone, starting at counter 1, and the portal accepts the codes and then a sign-in', async () => {
    const page = await securityPage('gina', 'type=hotp&qr=none');
    expect(await page.$$('[data-role="qr-code-block"] img, [data-role="qr-code-block"] canvas')).toEqual([]);
    await addToAuthenticator(page);
    await expect.poll(() => checkCodes(page), { timeout: 5_000 }).not.toEqual(['', '']);
    const secret = await keyOf(page);
    expect(await checkCodes(page)).toEqual([hotpAt(secret, 1), hotpAt(secret, 2)]);
    await confirmOnPortal(page);
    expect(portal.state.users.get('gina')!.otp).toMatchObject({ type: 'hotp', secret });
    await page.close();

    const account = (await accounts()).find((a) => a.origins.includes(portal.url) && a.type === 'hotp')!;
    expect(account).toMatchObject({ label: 'Gina Gomez', counter: 3 }); // the name the page's header shows
    await session.browser.deleteCookie(...(await session.browser.cookies()));
    const signIn = await session.browser.newPage();
    await signIn.goto(`${portal.url}/auth/`);
    await signInWithPassword(signIn, 'gina', 'gina-pw');
    await clickFillButton(signIn);
    await signIn
      .waitForSelector('aria/Gina Gomez — localhost', { timeout: 5_000 })
      .then(async (e) => {
        await settle(e);
        await e!.click();
      })
      .catch(() => undefined);
    expect(await waitForFieldValue(signIn, (v) => v !== '')).toBe(hotpAt(secret, 3));
    await Promise.all([signIn.waitForNavigation(), signIn.click('form[name="form_auth"] input[type="submit"]')]);
    expect(await signIn.$eval('body', (b) => b.textContent)).toContain('Signed in as gina');
    await signIn.close();
  });

  it('two people enrolling from the key alone on one portal get two accounts; neither is asked to replace the other', async () => {
    const before = (await accounts()).length;
    const page = await securityPage('hank', 'type=totp&qr=none');
    await addToAuthenticator(page);
    await expect.poll(() => checkCodes(page), { timeout: 5_000 }).not.toEqual(['']);
    expect(await pageText(page)).not.toMatch(/Replace it\?/);
    await confirmOnPortal(page);
    await page.close();
    const list = await accounts();
    expect(list).toHaveLength(before + 1);
    expect(
      list
        .filter((a) => a.origins.includes(portal.url))
        .map((a) => a.label)
        .sort(),
    ).toEqual(['Gina Gomez', 'Hank Hill', 'frank', 'ivy']);
  });
  it('a page that names nobody and has no readable QR code: the user is asked whose login it is, and the account takes it', async () => {
    const page = await securityPage('kate', 'type=totp&qr=none');
    await page.evaluate(() => document.querySelector('#user-name')!.remove());
    await addToAuthenticator(page);
    await expect.poll(() => pageText(page), { timeout: 5_000 }).toContain('Whose account is this?');
    expect(await checkCodes(page)).toEqual(['']);
    // The answer field is in the extension's closed shadow root, focused: typed and sent as a user does.
    await page.keyboard.type('kate');
    await page.keyboard.press('Enter');
    await expect.poll(() => checkCodes(page), { timeout: 5_000 }).not.toEqual(['']);
    expect(totpAround(await keyOf(page), Date.now())).toContain((await checkCodes(page))[0]);
    await confirmOnPortal(page);
    expect((await accounts()).filter((a) => a.label === 'kate').map((a) => a.origins)).toEqual([[portal.url]]);
    await page.close();
  });
});

describe('the push two-factor QR code', () => {
  it('is refused with an explanation by the enrolment button and by "Scan this page", nothing is stored, and the link is nowhere in the profile', async () => {
    const before = await accounts();
    const page = await securityPage('pete', '');
    const links = (portal.state as unknown as { pushLinks: PushLink[] }).pushLinks.filter((l) => l.login === 'pete');
    expect(links.length).toBeGreaterThan(0);
    const { hash, channelTag } = links.at(-1)!;
    expect(await page.$$('input[data-role="check-code"]')).toEqual([]);
    // The page's own storage, as a positive control for the profile scan below.
    await page.evaluate(() => localStorage.setItem('marker', 'PUSHPAGEMARKER1234567890'));

    await addToAuthenticator(page);
    await expect
      .poll(() => pageText(page), { timeout: 5_000 })
      .toContain('This QR code is for the Bitrix24 mobile app');
    expect(await accounts()).toEqual(before);

    const scanned = await scanFromPopup(page);
    expect(scanned).toMatchObject({ ok: true, findings: [{ kind: 'bitrix24-app' }] });
    expect(JSON.stringify(scanned)).not.toContain(hash);
    expect(JSON.stringify(scanned)).not.toContain(channelTag);
    expect(await accounts()).toEqual(before);
    await page.close();

    await session.close();
    const { found, files } = await findInFiles(profile, [
      ...needleForms('push link hash', hash),
      ...needleForms('push channel tag', channelTag),
      ...needleForms('page marker', 'PUSHPAGEMARKER1234567890'),
    ]);
    expect(files).toBeGreaterThan(50);
    expect(found.filter((f) => f.what.startsWith('page marker')).length).toBeGreaterThan(0);
    expect(found.filter((f) => !f.what.startsWith('page marker'))).toEqual([]);
    // The rest of the suite has none of its own after this; relaunch for afterAll's sake.
    session = await launchWithExtension(undefined, { userDataDir: profile });
  });
});

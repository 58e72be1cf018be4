import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { Secret } from 'otpauth';
import { gotoExtension, launchWithVault, signedOutEachTest, startForFile, tabIdOf } from '../extension-page';
import { launchFirefox } from '../firefox';
import { hotpAt, totpAround } from '../oathtool';
import {
  addToAuthenticator,
  checkCodes,
  confirmOnPortal,
  demoUser,
  securityPage,
  signInWithTheExtension,
  withPortal,
} from '../portal-steps';
import { confirmInToolbarPopup } from '../toolbar-popup';

/** Enrolment in Firefox: the Security page's QR code read by the extension's button, and a QR code scanned from the popup. */
const env = startForFile(() =>
  withPortal([demoUser('carol'), demoUser('erin')], () =>
    launchWithVault('firefox enrol password', () => launchFirefox()),
  ),
);
signedOutEachTest(env);
/** A web page that shows a QR code, as a portal's security page does. */
let qrPage: Server;
let qrPageUrl: string;
const scanned = new Secret({ size: 20 }).base32;

beforeAll(async () => {
  const png = execFileSync('qrencode', [
    '-o',
    '-',
    '-t',
    'PNG',
    '-s',
    '4',
    `otpauth://totp/Scanned:page-user?secret=${scanned}&issuer=Scanned`,
  ]).toString('base64');
  qrPage = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><title>Security</title><img src="data:image/png;base64,${png}" width="164" height="164">`);
  });
  await new Promise<void>((resolve) => qrPage.listen(0, '127.0.0.1', resolve));
  qrPageUrl = `http://127.0.0.1:${(qrPage.address() as { port: number }).port}/`;
});

afterAll(async () => {
  await new Promise((resolve) => qrPage?.close(resolve));
});

const shownKey = async (page: Page) =>
  (await page.$eval('table.bx-otp-token-result-code span', (s) => s.textContent!)).replace(/\s/g, '');

describe('enrolment in Firefox', () => {
  it('TOTP on the Security page: the button reads the QR code and fills the code, the portal accepts it, sign-in works', async () => {
    const page = await securityPage(env.session, env.portal.url, 'carol', 'totp');
    await addToAuthenticator(page);
    await expect.poll(() => checkCodes(page), { timeout: 5_000 }).not.toEqual(['']);
    const secret = await shownKey(page);
    const [code] = await checkCodes(page);
    expect(totpAround(secret, Date.now())).toContain(code);
    await confirmOnPortal(page);
    expect(env.portal.state.users.get('carol')!.otp).toMatchObject({ type: 'totp', secret });
    await page.close();
    const list = await env.ext.send({ type: 'accounts-list' });
    expect(list.ok && list.accounts.map(({ label, origins }) => ({ label, origins }))).toEqual([
      { label: 'carol', origins: [env.portal.url] },
    ]);
    expect(totpAround(secret, Date.now())).toContain(
      await signInWithTheExtension(env.session, env.ext, env.portal.url, 'carol'),
    );
  });

  it('HOTP: two consecutive codes, and a new device for the same login replaces the old one only once allowed in the popup', async () => {
    const page = await securityPage(env.session, env.portal.url, 'erin', 'hotp');
    await addToAuthenticator(page);
    await expect.poll(() => checkCodes(page), { timeout: 5_000 }).not.toEqual(['', '']);
    const secret = await shownKey(page);
    // Bitrix's provisioning URI starts HOTP at counter 1.
    expect(await checkCodes(page)).toEqual([hotpAt(secret, 1), hotpAt(secret, 2)]);
    await confirmOnPortal(page);
    await page.close();
    expect(await signInWithTheExtension(env.session, env.ext, env.portal.url, 'erin')).toBe(hotpAt(secret, 3));

    // Signed in, erin's Security page makes a new secret: the vault already has erin.
    const again = await env.session.browser.newPage();
    await again.goto(`${env.portal.url}/security/?type=totp`);
    await again.waitForSelector('[data-role="qr-code-block"] img');
    const question = await confirmInToolbarPopup(env.ext, () => addToAuthenticator(again), 'Replace');
    expect(question).toContain(`${env.portal.url} asks to connect a new device for erin`);
    await expect.poll(() => checkCodes(again), { timeout: 5_000 }).not.toEqual(['']);
    const replaced = await shownKey(again);
    expect(totpAround(replaced, Date.now())).toContain((await checkCodes(again))[0]);
    const list = await env.ext.send({ type: 'accounts-list' });
    expect(list.ok && list.accounts.filter((a) => a.label === 'erin').map((a) => a.type)).toEqual(['totp']);
    // The old one is kept, renamed, until the user deletes it (the page may have been no real enrolment).
    expect(list.ok && list.accounts.filter((a) => /^erin \(replaced \d{4}-\d\d-\d\d\)$/.test(a.label))).toHaveLength(1);
    await again.close();
  });

  it('adds an account from a QR code on any page with the popup’s Scan this page', async () => {
    const page = await env.session.browser.newPage();
    await page.goto(qrPageUrl);
    // The popup as the background opens it for a tab when the toolbar popup cannot open.
    const popup = await env.session.browser.newPage();
    await gotoExtension(env.session, popup, `popup.html?tab=${await tabIdOf(env.ext, page)}`);
    await (await popup.waitForSelector('aria/Add account'))!.click();
    await (await popup.waitForSelector('aria/Scan this page'))!.click();
    await (await popup.waitForSelector('aria/Add — Scanned — page-user'))!.click();
    await popup.waitForFunction(() =>
      [...document.querySelectorAll('li.account')].some((li) => li.textContent?.includes('page-user')),
    );
    const list = await env.ext.send({ type: 'accounts-list' });
    const account = list.ok ? list.accounts.find((a) => a.label === 'page-user') : undefined;
    expect(account).toMatchObject({ issuer: 'Scanned', type: 'totp' });
    expect(totpAround(scanned, Date.now())).toContain(account!.code);
    await popup.close();
    await page.close();
  });
});

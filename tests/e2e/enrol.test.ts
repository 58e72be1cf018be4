import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPortal } from '../portal/server.js';
import { launchWithExtension, type ExtensionSession } from './chromium';
import { openExtensionPage, type ExtensionPage } from './extension-page';
import { pageText } from './fill-steps';
import { hotpAt, totpAround } from './oathtool';
import {
  addToAuthenticator,
  checkCodes,
  confirmInPopup,
  confirmOnPortal,
  securityPage,
  signInWithTheExtension,
} from './portal-steps';

let portal: Awaited<ReturnType<typeof startPortal>>;
let session: ExtensionSession;
let ext: ExtensionPage;

beforeAll(async () => {
  portal = await startPortal({
    users: {
      users: [
        { login: 'carol', password: 'carol-pw', name: 'Carol', otp: null, recoveryCodes: [] },
        { login: 'erin', password: 'erin-pw', name: 'Erin', otp: null, recoveryCodes: [] },
      ],
    },
  });
  session = await launchWithExtension();
  ext = await openExtensionPage(session);
  expect(await ext.send({ type: 'vault-create', password: 'enrol test password' })).toEqual({ ok: true });
});

afterAll(async () => {
  await session?.close();
  await portal?.close();
});

beforeEach(async () => {
  await session.browser.deleteCookie(...(await session.browser.cookies()));
});

describe('enrolment on the Security page', () => {
  it('TOTP: the extension reads the QR code, fills the code, the portal accepts it, and sign-in works', async () => {
    const page = await securityPage(session, portal.url, 'carol', 'totp');
    await addToAuthenticator(page);
    await expect.poll(() => checkCodes(page), { timeout: 5_000 }).not.toEqual(['']);
    const secret = (await page.$eval('table.bx-otp-token-result-code span', (s) => s.textContent!)).replace(/\s/g, '');
    const [code] = await checkCodes(page);
    expect(totpAround(secret, Date.now())).toContain(code);
    await confirmOnPortal(page);
    expect(portal.state.users.get('carol')!.otp).toMatchObject({ type: 'totp', secret });

    const list = await ext.send({ type: 'accounts-list' });
    expect(list.ok && list.accounts.map(({ label, origins, type }) => ({ label, origins, type }))).toEqual([
      { label: 'carol', origins: [portal.url], type: 'totp' },
    ]);
    await page.close();
    // At once: should the portal count the enrolment's step as used, the sign-in gets the next one.
    await signInWithTheExtension(session, ext, portal.url, 'carol');
  });

  it('HOTP: two consecutive codes, the portal accepts them, and the stored counter is past both', async () => {
    const page = await securityPage(session, portal.url, 'erin', 'hotp');
    await addToAuthenticator(page);
    await expect.poll(() => checkCodes(page), { timeout: 5_000 }).not.toEqual(['', '']);
    const secret = (await page.$eval('table.bx-otp-token-result-code span', (s) => s.textContent!)).replace(/\s/g, '');
    const codes = await checkCodes(page);
    // Bitrix's provisioning URI starts HOTP at counter 1.
    expect(codes).toEqual([hotpAt(secret, 1), hotpAt(secret, 2)]);
    await confirmOnPortal(page);
    await page.close();
    expect(await signInWithTheExtension(session, ext, portal.url, 'erin')).toBe(hotpAt(secret, 3));
  });

  it('the same device twice is recognised; a new device for the same login asks before replacing', async () => {
    // Erin is signed in (with the extension); the Security page makes a new secret: a new device
    // for a login whose old one is in the vault.
    await signInWithTheExtension(session, ext, portal.url, 'erin');
    const page = await session.browser.newPage();
    await page.goto(`${portal.url}/security/?type=totp`);
    await page.waitForSelector('[data-role="qr-code-block"] img');
    // Replacing is allowed in the extension's popup (never by a button in the page), which names both.
    const { popup, question } = await confirmInPopup(session, () => addToAuthenticator(page), 'Replace');
    expect(question).toContain(`${portal.url} asks to connect a new device for erin`);
    await expect.poll(() => pageText(page), { timeout: 5_000 }).toMatch(/already has erin for this portal/);
    await expect.poll(() => checkCodes(page), { timeout: 5_000 }).not.toEqual(['']);
    await popup.close();
    const list = await ext.send({ type: 'accounts-list' });
    expect(list.ok && list.accounts.filter((a) => a.label === 'erin').map((a) => a.type)).toEqual(['totp']);
    // The old one is kept, renamed, until the user deletes it (the page may have been no real enrolment).
    expect(list.ok && list.accounts.filter((a) => /^erin \(replaced \d{4}-\d\d-\d\d\)$/.test(a.label))).toHaveLength(1);

    await addToAuthenticator(page);
    await expect.poll(() => pageText(page), { timeout: 5_000 }).toMatch(/already in your vault, as erin/);
    await page.close();
  });
});

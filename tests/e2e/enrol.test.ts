import { describe, expect, it } from 'vitest';
import { launchWithVault, signedOutEachTest, startForFile } from './extension-page';
import { pageText } from './fill-steps';
import { hotpAt, totpAround } from './oathtool';
import {
  addToAuthenticator,
  checkCodes,
  confirmInPopup,
  confirmOnPortal,
  demoUser,
  securityPage,
  signInWithTheExtension,
  withPortal,
} from './portal-steps';

const env = startForFile(() =>
  withPortal([demoUser('carol'), demoUser('erin')], () => launchWithVault('enrol test password')),
);
signedOutEachTest(env);

describe('enrolment on the Security page', () => {
  it('TOTP: the extension reads the QR code, fills the code, the portal accepts it, and sign-in works', async () => {
    const page = await securityPage(env.session, env.portal.url, 'carol', 'totp');
    await addToAuthenticator(page);
    await expect.poll(() => checkCodes(page), { timeout: 5_000 }).not.toEqual(['']);
    const secret = (await page.$eval('table.bx-otp-token-result-code span', (s) => s.textContent!)).replace(/\s/g, '');
    const [code] = await checkCodes(page);
    expect(totpAround(secret, Date.now())).toContain(code);
    await confirmOnPortal(page);
    expect(env.portal.state.users.get('carol')!.otp).toMatchObject({ type: 'totp', secret });

    const list = await env.ext.send({ type: 'accounts-list' });
    expect(list.ok && list.accounts.map(({ label, origins, type }) => ({ label, origins, type }))).toEqual([
      { label: 'carol', origins: [env.portal.url], type: 'totp' },
    ]);
    await page.close();
    // At once: should the portal count the enrolment's step as used, the sign-in gets the next one.
    await signInWithTheExtension(env.session, env.ext, env.portal.url, 'carol');
  });

  it('HOTP: two consecutive codes, the portal accepts them, and the stored counter is past both', async () => {
    const page = await securityPage(env.session, env.portal.url, 'erin', 'hotp');
    await addToAuthenticator(page);
    await expect.poll(() => checkCodes(page), { timeout: 5_000 }).not.toEqual(['', '']);
    const secret = (await page.$eval('table.bx-otp-token-result-code span', (s) => s.textContent!)).replace(/\s/g, '');
    const codes = await checkCodes(page);
    // Bitrix's provisioning URI starts HOTP at counter 1.
    expect(codes).toEqual([hotpAt(secret, 1), hotpAt(secret, 2)]);
    await confirmOnPortal(page);
    await page.close();
    expect(await signInWithTheExtension(env.session, env.ext, env.portal.url, 'erin')).toBe(hotpAt(secret, 3));
  });

  it('the same device twice is recognised; a new device for the same login asks before replacing', async () => {
    // Erin is signed in (with the extension); the Security page makes a new secret: a new device
    // for a login whose old one is in the vault.
    await signInWithTheExtension(env.session, env.ext, env.portal.url, 'erin');
    const page = await env.session.browser.newPage();
    await page.goto(`${env.portal.url}/security/?type=totp`);
    await page.waitForSelector('[data-role="qr-code-block"] img');
    // Replacing is allowed in the extension's popup (never by a button in the page), which names both.
    const { popup, question } = await confirmInPopup(env.session, () => addToAuthenticator(page), 'Replace');
    expect(question).toContain(`${env.portal.url} asks to connect a new device for erin`);
    await expect.poll(() => pageText(page), { timeout: 5_000 }).toMatch(/already has erin for this portal/);
    await expect.poll(() => checkCodes(page), { timeout: 5_000 }).not.toEqual(['']);
    await popup.close();
    const list = await env.ext.send({ type: 'accounts-list' });
    expect(list.ok && list.accounts.filter((a) => a.label === 'erin').map((a) => a.type)).toEqual(['totp']);
    // The old one is kept, renamed, until the user deletes it (the page may have been no real enrolment).
    expect(list.ok && list.accounts.filter((a) => /^erin \(replaced \d{4}-\d\d-\d\d\)$/.test(a.label))).toHaveLength(1);

    await addToAuthenticator(page);
    await expect.poll(() => pageText(page), { timeout: 5_000 }).toMatch(/already in your vault, as erin/);
    await page.close();
  });
});

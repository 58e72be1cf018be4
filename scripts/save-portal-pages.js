// Saves the demo portal's sign-in and enrolment steps as the browser shows them (the DOM after the
// page's own scripts ran, without those scripts) for the page-recognition unit tests:
// tests/unit/bitrix/pages/*.html, each part that pages share stored once (the document frame, what all
// pages of a kind share; tests/unit/bitrix/page-frame.js). Run after changing the portal's markup:
//   node scripts/save-portal-pages.js
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { startPortal } from '../tests/portal/server.js';
import { savedFiles } from '../tests/unit/bitrix/page-frame.js';
import { chromiumPath } from './chromium.js';

const OUT = resolve(import.meta.dirname, '../tests/unit/bitrix/pages');
/** @type {import('../tests/portal/state.js').UsersConfig} */
const users = {
  users: [
    { login: 'alice', password: 'alice', name: 'Alice Andersen', otp: { type: 'totp' } },
    { login: 'dan', password: 'dan', name: 'Dan Dorsey', otp: { type: 'push' }, recoveryCodes: ['dddd-0001'] },
    { login: 'carol', password: 'carol', name: 'Carol', otp: null },
    { login: 'pete', password: 'pete', name: 'Pete Park', otp: null, defaultType: 'push' },
  ],
};

/**
 * The rendered DOM with scripts dropped: what the content script sees, frozen. The style sheets go
 * too; what they decided about visibility stays, as Chromium computed it, on each element.
 * @param {import('puppeteer-core').Page} page
 */
const snapshot = (page) =>
  page.evaluate(() => {
    const live = [...document.body.querySelectorAll('*')];
    const copy = /** @type {HTMLElement} */ (document.documentElement.cloneNode(true));
    copy.querySelectorAll('body *').forEach((element, i) => {
      // The copy has the live body's elements, in the same order.
      const style = getComputedStyle(/** @type {Element} */ (live[i]));
      const hidden =
        style.display === 'none'
          ? 'display:none'
          : style.visibility !== 'visible'
            ? `visibility:${style.visibility}`
            : '';
      if (hidden) element.setAttribute('style', hidden);
      // Form values live in properties, not attributes: keep what the page put there.
      if (element instanceof HTMLInputElement)
        element.setAttribute('value', /** @type {HTMLInputElement} */ (live[i]).value);
    });
    for (const dropped of copy.querySelectorAll('script, style')) dropped.remove();
    return `<!DOCTYPE html>\n${copy.outerHTML}\n`;
  });

const portal = await startPortal({ users, secondPort: false });
const browser = await puppeteer.launch({
  executablePath: chromiumPath(),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
/** Each page's snapshot, by name: written only once all are taken (and share one frame). @type {Map<string, string>} */
const pages = new Map();
try {
  /** @param {string} name @param {import('puppeteer-core').Page} page */
  const save = async (name, page) => {
    pages.set(name, await snapshot(page));
  };
  /** @param {string} login @param {string} path */
  const signedIn = async (login, path) => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.goto(`${portal.url}${path}`);
    await page.type('input[name="USER_LOGIN"]', login);
    await page.type('input[name="USER_PASSWORD"]', login);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    return page;
  };
  const otherWay = async (/** @type {import('puppeteer-core').Page} */ page, /** @type {string} */ method) => {
    await page.click('[data-testid$="-alternative-way"]');
    await (await page.waitForSelector(`[data-testid="bx-intranet-2fa-alternative-methods-${method}"]`))?.click();
  };

  let page = await signedIn('alice', '/login/modern/');
  await page.waitForSelector('input[name="USER_OTP"]', { visible: true });
  await save('modern-authenticator', page);
  await page.click('[data-testid$="-alternative-way"]');
  await page.waitForSelector('[data-testid="bx-intranet-2fa-alternative-methods-sms"]', { visible: true });
  await save('modern-alternatives-menu', page);
  await (await page.$('[data-testid="bx-intranet-2fa-alternative-methods-sms"]'))?.click();
  await page.waitForSelector('input.intranet-digit-input', { visible: true });
  await save('modern-sms', page);
  await page.browserContext().close();

  page = await signedIn('dan', '/login/modern/');
  await page.waitForSelector('[data-testid="bx-intranet-2fa-main-push-alternative-way"]', { visible: true });
  await save('modern-push', page);
  await otherWay(page, 'offline-code');
  await page.waitForSelector('input.intranet-digit-input', { visible: true });
  await save('modern-offline-code', page);
  await page.click('[data-testid="bx-intranet-2fa-back"]');
  await otherWay(page, 'recovery-codes');
  await page.waitForSelector('input.intranet-char-input', { visible: true });
  await save('modern-recovery-codes', page);
  await page.browserContext().close();

  page = await signedIn('alice', '/auth/');
  for (let i = 0; i < 3; i++) {
    await page.type('input[name="USER_OTP"]', '000000');
    await Promise.all([page.waitForNavigation(), page.click('input[name="Otp"]')]);
  }
  await page.waitForSelector('input[name="captcha_word"]', { visible: true });
  await save('classic-otp-captcha', page);
  await page.browserContext().close();

  page = await signedIn('pete', '/auth/?backurl=%2Fsecurity%2F');
  await page.waitForSelector('[data-role="qr-code-block"] img');
  await save('enrol-push', page);
  await page.browserContext().close();

  page = await signedIn('carol', '/auth/?backurl=%2Fsecurity%2F%3Ftype%3Dhotp%26qr%3Dblank-first');
  await page.waitForSelector('[data-role="qr-code-block"] img');
  await save('enrol-hotp-blank-first', page);
  await page.browserContext().close();
} finally {
  await browser.close();
  await portal.close();
}

await mkdir(OUT, { recursive: true });
for (const [file, text] of savedFiles(pages)) {
  await writeFile(resolve(OUT, file), text);
  console.log(`saved ${file}`);
}

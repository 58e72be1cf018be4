import { expect } from 'vitest';
import type { Page } from 'puppeteer-core';
import { type Portal, startPortal } from '../portal/server.js';
import { DEFAULT_USERS_FILE, readUsersFile, type UserConfig } from '../portal/state.js';
import { launchWithExtension, type ExtensionSession } from './chromium';
import {
  addAccount,
  launchWithVault,
  signedOutEachTest,
  signOut,
  startForFile,
  type BrowserSession,
  type ExtensionPage,
} from './extension-page';
import { clickWhereDrawn, fillWithButton, inFirefox, settle, waitForFieldValue } from './fill-steps';

export type { Portal, UserConfig };

/** A demo portal user with password `<login>-pw`, named after the login. */
export function demoUser(login: string, otp: UserConfig['otp'] = null, recoveryCodes: string[] = []): UserConfig {
  return { login, password: `${login}-pw`, name: login, otp, recoveryCodes };
}

/** The recovery codes a demo user has in tests/portal/users.json (the portal's own users, as `npm run portal` serves them). */
export function demoRecoveryCodes(login: string): string[] {
  const config = readUsersFile(DEFAULT_USERS_FILE);
  const user = (Array.isArray(config) ? config : config.users).find((u) => u.login === login);
  if (!user?.recoveryCodes) throw new Error(`tests/portal/users.json gives ${login} no recovery codes`);
  return user.recoveryCodes.map((c) => (typeof c === 'string' ? c : c.code));
}

/** The otpauth:// URI of `login`'s authenticator, issued by `issuer` (the portal's host name). */
export function otpauthUri(
  issuer: string,
  login: string,
  otp: { type: 'totp' | 'hotp'; secret: string; counter?: number },
): string {
  const label = `${issuer}%3A${login}`;
  return otp.type === 'totp'
    ? `otpauth://totp/${label}?secret=${otp.secret}&algorithm=SHA1&digits=6&issuer=${issuer}&period=30`
    : `otpauth://hotp/${label}?secret=${otp.secret}&algorithm=SHA1&counter=${otp.counter ?? 0}&digits=6&issuer=${issuer}`;
}

export interface PortalWithVault<S extends BrowserSession = ExtensionSession> {
  portal: Portal;
  session: S;
  ext: ExtensionPage;
  /** The vault's account ids, by login. */
  ids: Record<string, string>;
}

export interface PortalWithVaultOptions<S extends BrowserSession> {
  /** The browser to start: Chromium unless this says otherwise. */
  launch?: () => Promise<S>;
  /** Whether each account also holds its user's recovery codes, as imported from the portal. */
  withRecoveryCodes?: boolean;
}

/**
 * The demo portal serving `users`, and a browser with the extension: its vault created with
 * `password` and holding, bound to the portal, an account for each user with a TOTP or HOTP
 * authenticator (its secret given), in the order of `users`.
 */
export async function startPortalWithVault<S extends BrowserSession = ExtensionSession>(
  users: UserConfig[],
  password: string,
  { launch = launchWithExtension as () => Promise<S>, withRecoveryCodes = false }: PortalWithVaultOptions<S> = {},
): Promise<PortalWithVault<S>> {
  return withPortal(users, async (portal) => {
    const { session, ext } = await launchWithVault(password, launch);
    try {
      const host = new URL(portal.url).hostname;
      const ids: Record<string, string> = {};
      for (const { login, otp, recoveryCodes } of users) {
        if ((otp?.type === 'totp' || otp?.type === 'hotp') && otp.secret !== undefined) {
          ids[login] = await addAccount(
            ext,
            otpauthUri(host, login, { type: otp.type, secret: otp.secret, counter: otp.counter }),
            portal.url,
          );
          if (withRecoveryCodes && recoveryCodes?.length) {
            const codes = recoveryCodes.map((c) => (typeof c === 'string' ? c : c.code));
            await importRecoveryCodes(ext, ids[login], codes);
          }
        }
      }
      return { session, ext, ids };
    } catch (error) {
      await session.close();
      throw error;
    }
  });
}

/** The demo portal serving `users`, then what `start` starts for it; the portal is closed again if that fails. */
export async function withPortal<T extends object>(
  users: UserConfig[],
  start: (portal: Portal) => Promise<T>,
): Promise<T & { portal: Portal }> {
  const portal = await startPortal({ users: { users } });
  try {
    return { portal, ...(await start(portal)) };
  } catch (error) {
    await portal.close();
    throw error;
  }
}

/** startPortalWithVault once for all the tests of a file (see startForFile), each test starting signed out. */
export function portalWithVaultForFile<S extends BrowserSession = ExtensionSession>(
  users: UserConfig[],
  password: string,
  options?: PortalWithVaultOptions<S>,
): PortalWithVault<S> {
  const started = startForFile(() => startPortalWithVault(users, password, options));
  signedOutEachTest(started);
  return started;
}

/** The classic component form's first step: login and password, then the portal's next page. */
export async function signInWithPassword(page: Page, login: string, password: string): Promise<void> {
  await page.type('input[name="USER_LOGIN"]', login);
  await page.type('input[name="USER_PASSWORD"]', password);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

/** A new tab at the OTP step of the classic form on `origin`, signed in as `login` (password `<login>-pw`). */
export async function classicOtpStep(session: BrowserSession, origin: string, login: string): Promise<Page> {
  const page = await session.browser.newPage();
  await page.goto(`${origin}/auth/`);
  await signInWithPassword(page, login, `${login}-pw`);
  await page.waitForSelector('input[name="USER_OTP"]', { visible: true });
  return page;
}

/** Imports `codes` (one a line) as recovery codes of the vault's account `accountId`: all of them go in. */
export async function importRecoveryCodes(ext: ExtensionPage, accountId: string, codes: string[]): Promise<void> {
  const reply = await ext.send({ type: 'recovery-import', accountId, text: codes.join('\n'), replace: false });
  expect(reply).toMatchObject({ ok: true, imported: codes.length });
}

/** Clicks the extension's toolbar button on `page`, as a user would, and returns the popup. */
export async function openPopup(session: ExtensionSession, page: Page): Promise<Page> {
  await page.bringToFront();
  // The popup is a new target: an extension page already open as a tab has the same URL.
  const before = new Set(session.browser.targets());
  await page.triggerExtensionAction(session.extension);
  const target = await session.browser.waitForTarget(
    (t) => !before.has(t) && t.url() === `chrome-extension://${session.extension.id}/popup.html`,
    { timeout: 10_000 },
  );
  return target.asPage();
}

/** The Security page's enrolment: the extension's button beside the QR code. */
export async function addToAuthenticator(page: Page): Promise<void> {
  if (await inFirefox(page)) return clickWhereDrawn(page, 'b24a-fill[data-mode="enrol"]', (box) => box.width / 2);
  const button = await page.waitForSelector('aria/Add to Bitrix24 Authenticator', { timeout: 10_000 });
  await settle(button);
  await button!.click();
}

/** What the Security page's code boxes hold (one, or two for HOTP). */
export async function checkCodes(page: Page): Promise<string[]> {
  return page.$$eval('input[data-role="check-code"]', (inputs) => inputs.map((i) => (i as HTMLInputElement).value));
}

/** The Security page's Done button, and the portal's word that the authenticator is connected. */
export async function confirmOnPortal(page: Page): Promise<void> {
  await page.click('[data-role="check-button"]');
  await page.waitForSelector('[data-role="success-container"]:not([hidden])', { timeout: 5_000 });
}

/**
 * Runs `act` (a click in the page) and answers, as the user does, what the extension then asks in
 * its own popup (a recovery code for the page, replacing an account): `answer` names the button.
 */
export async function confirmInPopup(
  session: ExtensionSession,
  act: () => Promise<void>,
  answer: string,
): Promise<{ popup: Page; question: string }> {
  const before = new Set(session.browser.targets());
  await act();
  const target = await session.browser.waitForTarget(
    (t) => !before.has(t) && t.url() === `chrome-extension://${session.extension.id}/popup.html`,
    { timeout: 10_000 },
  );
  const popup = (await target.asPage())!;
  const button = await popup.waitForSelector(`aria/${answer}`, { timeout: 5_000 });
  const question = await popup.$eval('#confirm-heading', (heading) => heading.parentElement!.textContent ?? '');
  await button!.click();
  return { popup, question };
}

/** The popup's answer that lets a recovery code into the page. */
export const ALLOW_RECOVERY_CODE = 'Enter a recovery code';

/** A new tab on the Security page (`/security/?type=…`) of `origin`, signed in as `login` on the way. */
export async function securityPage(
  session: BrowserSession,
  origin: string,
  login: string,
  type: 'totp' | 'hotp',
): Promise<Page> {
  const page = await session.browser.newPage();
  await page.goto(`${origin}/auth/?backurl=${encodeURIComponent(`/security/?type=${type}`)}`);
  await signInWithPassword(page, login, `${login}-pw`);
  await page.waitForSelector('[data-role="qr-code-block"] img');
  return page;
}

/** Signs in anew as `login` on the classic form with the code the extension's button fills; that code. */
export async function signInWithTheExtension(
  session: BrowserSession,
  ext: ExtensionPage,
  origin: string,
  login: string,
): Promise<string> {
  await signOut(session);
  const page = await session.browser.newPage();
  await page.goto(`${origin}/auth/`);
  await signInWithPassword(page, login, `${login}-pw`);
  await fillWithButton(session, ext, page, login);
  const code = await waitForFieldValue(page, (v) => v !== '');
  await Promise.all([page.waitForNavigation(), page.click('form[name="form_auth"] input[type="submit"]')]);
  expect(await page.$eval('body', (b) => b.textContent)).toContain(`Signed in as ${login}`);
  await page.close();
  return code;
}

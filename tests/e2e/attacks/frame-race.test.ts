/**
 * Issue 14, item 4: the extension checks a frame's origin, then sends the code to that frame by its
 * number. A page that navigates in between (to another portal origin, where the content script runs
 * too) has the other origin's document receive the code. The code must go to the very document that
 * was checked (Chromium's documentId), and the content script must write nothing unless its own
 * origin is the one the background checked (Firefox, which has no documentId).
 *
 * The moment in between is the extension's read of the portal's clock, a HEAD of the sign-in page
 * before a TOTP code is made; the hostile server answers it slowly (tests/portal/attacks/routes.js),
 * as a slow portal would, so the navigation lands there every time.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { currentWorker, type ExtensionSession } from '../chromium';
import { framesOf, tabIdOf, type ExtensionPage } from '../extension-page';
import { clickFillButton } from '../fill-steps';
import type { Portal } from '../portal-steps';
import { attackEvents, collected, fieldValue, forgetPortalClock, sleep, startPortalWithAlice } from './attack-steps';

const SECRET = 'FHFW2IJQWKG6EBM2XQTMJ34JXGSD5HOL';

let portal: Portal;
let session: ExtensionSession;
let ext: ExtensionPage;
/** The portal origin alice's account is bound to, and the other one the page runs off to. */
let home: string;
let other: string;

beforeAll(async () => {
  ({ portal, session, ext } = await startPortalWithAlice(SECRET));
  home = portal.url;
  other = portal.secondUrl!;
});

afterAll(async () => {
  await session?.close();
  await portal?.close();
});

beforeEach(async () => {
  // Each fill reads the portal's clock afresh, so each has the slow moment in it.
  await forgetPortalClock(session, home);
});

const received = () => collected(portal).filter((post) => post.fields.from === 'receiver');

/** The hostile page on the home origin, its code field recognised by the extension. */
async function racePage(): Promise<{ page: Page; tabId: number }> {
  const page = await session.browser.newPage();
  await page.goto(`${home}/attacks/frame-race.html`);
  const tabId = await tabIdOf(ext, page);
  await expect
    .poll(async () => framesOf(await ext.send({ type: 'get-tab-state', tabId })).map((f) => f.state), {
      timeout: 10_000,
    })
    .toContain('otp');
  return { page, tabId };
}

/**
 * The positive control: the extension's clock read of the checked page arrived, then the other
 * origin's page was loaded in the tab, then the clock read was answered (and only after that is a
 * code made and sent).
 */
function expectNavigationInBetween(headsBefore: number) {
  const head = attackEvents(portal, 'head').slice(headsBefore)[0];
  expect(head, 'the extension read the clock of the checked page').toBeDefined();
  expect(head!.host).toBe(new URL(home).host);
  const arrival = attackEvents(portal, 'page').find(
    (event) => event.host === new URL(other).host && event.path === '/attacks/receiver.html' && event.at > head!.at,
  );
  expect(arrival, 'the other origin’s page loaded after the check').toBeDefined();
  expect(arrival!.at).toBeLessThan(head!.answeredAt!);
}

describe('a code goes only to the document that was checked', () => {
  it('the in-page button: the page navigates to another portal origin while the code is made; that origin gets nothing', async () => {
    const { page } = await racePage();
    const heads = attackEvents(portal, 'head').length;
    const posts = received().length;
    // The page's own capturing listener sees this click and leaves half a second later.
    await clickFillButton(page);
    await page.waitForNavigation();
    expect(page.url()).toBe(`${other}/attacks/receiver.html`);
    await page.waitForSelector('input[name="USER_OTP"]');
    await expect.poll(() => attackEvents(portal, 'head').slice(heads)[0]?.answeredAt, { timeout: 5_000 }).toBeDefined();
    await sleep(1_500);
    expectNavigationInBetween(heads);
    expect(received().slice(posts)).toEqual([]);
    expect(await fieldValue(page)).toBe('');
    await page.close();
  });

  it('the popup: the page navigates away between the popup’s check and the send; that origin gets nothing', async () => {
    const { page, tabId } = await racePage();
    const heads = attackEvents(portal, 'head').length;
    const posts = received().length;
    const accounts = await ext.send({ type: 'accounts-list' });
    const id = accounts.ok ? accounts.accounts[0]!.id : '';
    const reply = ext.send({ type: 'fill', tabId, accountId: id });
    // The moment the extension has checked the page and reads its clock, the page leaves.
    await expect.poll(() => attackEvents(portal, 'head').length, { timeout: 5_000 }).toBeGreaterThan(heads);
    await Promise.all([
      page.waitForNavigation(),
      page.evaluate(() => (window as unknown as { leave(): void }).leave()),
    ]);
    await page.waitForSelector('input[name="USER_OTP"]');
    const result = await reply;
    await sleep(500);
    expectNavigationInBetween(heads);
    expect(received().slice(posts)).toEqual([]);
    expect(await fieldValue(page)).toBe('');
    expect(result).toEqual({
      ok: false,
      code: 'rejected',
      message: 'Not filled: the page changed before the code arrived.',
    });
    await page.close();
  });

  it('where no document can be named (Firefox): the content script writes a code only into a page of the origin it was checked for', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${other}/attacks/receiver.html`);
    const tabId = await tabIdOf(ext, page);
    await expect
      .poll(async () => framesOf(await ext.send({ type: 'get-tab-state', tabId })).length, { timeout: 10_000 })
      .toBe(1);
    const worker = await currentWorker(session);
    // The message the background sends, to the frame by its number as Firefox allows.
    const send = (origin: string) =>
      worker.evaluate((tab, message) => chrome.tabs.sendMessage(tab, message, { frameId: 0 }), tabId, {
        type: 'fill-code',
        code: '246810',
        submit: false,
        origin,
      });
    expect(await send(home)).toEqual({ filled: false, reason: 'wrong-origin' });
    expect(await fieldValue(page)).toBe('');
    // Positive control: the same message for the origin this page really has is written.
    expect(await send(other)).toEqual({ filled: true });
    expect(await fieldValue(page)).toBe('246810');
    await page.close();
  });
});

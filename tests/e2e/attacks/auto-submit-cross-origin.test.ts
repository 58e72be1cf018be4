/**
 * Issue 14, item 3: with auto-fill on load and auto-submit both on, a page on the portal's origin
 * without a line of script points the code's form elsewhere (`action`, the submit button's
 * `formaction`, a `<base href>`, a new window) and lets the extension submit the live code there.
 * The extension must fill, leave the submit to the user and say why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtensionSession } from '../chromium';
import { pageText } from '../fill-steps';
import { totpAround } from '../oathtool';
import type { Portal } from '../portal-steps';
import { collected, fieldValue, sleep, startPortalWithAlice } from './attack-steps';

const SECRET = 'FHFW2IJQWKG6EBM2XQTMJ34JXGSD5HOL';
const NOTE = 'Code filled, not sent: this form would send it to another site or window.';

let portal: Portal;
let session: ExtensionSession;

beforeAll(async () => {
  ({ portal, session } = await startPortalWithAlice(SECRET, { autofillMode: 'load', autoSubmit: true }));
});

afterAll(async () => {
  await session?.close();
  await portal?.close();
});

/** `promise`, or an error naming `what` once `ms` have passed. */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    sleep(ms).then(() => {
      throw new Error(`${what} took more than ${ms} ms`);
    }),
  ]);
}

describe('auto-submit sends the code only to the frame’s own origin', () => {
  it('positive control: a form posting to the portal itself is filled on load and submitted, and its server receives the live code', async () => {
    // Each step bounded and named: this test once spent its whole minute in CI on a step not known.
    const page = await within(15_000, 'opening a tab', session.browser.newPage());
    // The extension submits the form as soon as it has filled it, which can be before the page's
    // DOMContentLoaded: goto may then wait for a lifecycle event of a document that was replaced,
    // so the test does not wait on it. What it shows is the post the portal's server receives.
    const opened = page.goto(`${portal.url}/attacks/same-origin.html`, { timeout: 15_000 }).catch(() => undefined);
    await expect
      .poll(() => collected(portal).find((post) => post.host === new URL(portal.url).host), { timeout: 15_000 })
      .toBeTruthy();
    const post = collected(portal).find((p) => p.host === new URL(portal.url).host)!;
    expect(totpAround(SECRET, Date.now())).toContain(post.fields.USER_OTP);
    expect(post.fields.TYPE).toBe('OTP');
    await within(16_000, 'the navigation', opened);
    // Closing is tidying up, not what the test shows: a tab slow to close is left to the session's end.
    await Promise.race([page.close(), sleep(5_000)]);
  });

  it.each([
    ['the form’s action', 'foreign-action'],
    ['the submit button’s formaction', 'foreign-formaction'],
    ['a <base href> under a relative action', 'foreign-base'],
    ['a submit button’s formtarget="_blank" (a new window)', 'new-window'],
  ])(
    'a form that would send the code elsewhere through %s is filled, not submitted, and says why',
    async (_how, name) => {
      const posts = collected(portal).length;
      const tabs = (await session.browser.pages()).length;
      const page = await session.browser.newPage();
      const url = `${portal.url}/attacks/${name}.html`;
      await page.goto(url);
      // Time for the fill on load and for any submit it makes.
      await sleep(2_500);
      // Nothing was sent anywhere: no post to the foreign site (nor to the portal), no new window, no navigation.
      expect(collected(portal).slice(posts)).toEqual([]);
      expect((await session.browser.pages()).length).toBe(tabs + 1);
      expect(page.url()).toBe(url);
      // The fill on load really happened (the live code is in the field), and the note says why it stayed there.
      expect(totpAround(SECRET, Date.now())).toContain(await fieldValue(page));
      expect(await pageText(page)).toContain(NOTE);
      await page.close();
    },
  );
});

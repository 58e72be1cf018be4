/**
 * Issue 14, item 3 (second half): with auto-fill on load on, a page on the portal's origin offers a
 * code field the user cannot see (shrunk to a pixel, transparent, off screen, covered) and collects
 * whatever the extension puts there, with no click and nothing on screen. Auto-fill on load must
 * fill only a sign-in field the user plainly sees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtensionSession } from '../chromium';
import { framesOf, tabIdOf, type ExtensionPage } from '../extension-page';
import { totpAround } from '../oathtool';
import type { Portal } from '../portal-steps';
import { collected, fieldValue, sleep, startPortalWithAlice } from './attack-steps';

const SECRET = 'FHFW2IJQWKG6EBM2XQTMJ34JXGSD5HOL';

let portal: Portal;
let session: ExtensionSession;
let ext: ExtensionPage;

beforeAll(async () => {
  ({ portal, session, ext } = await startPortalWithAlice(SECRET, { autofillMode: 'load' }));
});

afterAll(async () => {
  await session?.close();
  await portal?.close();
});

/** The page at `variant`, once the extension has seen its code field and had time to fill it on load. */
async function openVariant(variant: string) {
  const page = await session.browser.newPage();
  await page.goto(`${portal.url}/attacks/unseen-field.html?variant=${variant}`);
  const tabId = await tabIdOf(ext, page);
  // The content script recognised the code step and told the background, which is what starts auto-fill.
  await expect
    .poll(async () => framesOf(await ext.send({ type: 'get-tab-state', tabId })).map((f) => f.state), {
      timeout: 10_000,
    })
    .toContain('otp');
  await sleep(1_500);
  return page;
}

const fromPage = () => collected(portal).filter((post) => post.fields.from === 'unseen-field');

describe('auto-fill on load fills only a field the user plainly sees', () => {
  it('positive control: a visible field is filled on load, and the page’s script sends the code home', async () => {
    const page = await openVariant('shown');
    const code = await fieldValue(page);
    expect(totpAround(SECRET, Date.now())).toContain(code);
    await expect.poll(() => fromPage().map((post) => post.fields.USER_OTP)).toContain(code);
    await page.close();
  });

  it.each([
    ['shrunk to one pixel', 'tiny'],
    ['made transparent', 'transparent'],
    ['moved off screen', 'offscreen'],
    ['covered by another element', 'covered'],
  ])('a field %s gets no code, and the page collects nothing', async (_how, variant) => {
    const before = fromPage().length;
    const page = await openVariant(variant);
    expect(fromPage().slice(before)).toEqual([]);
    expect(await fieldValue(page)).toBe('');
    await page.close();
  });
});

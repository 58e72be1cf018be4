/**
 * Issue 14, item 5: on a portal the user has no account on, the extension refuses and, to explain,
 * named the user's portals of the same zone; the page reads that note out of the closed shadow root
 * (window.find, then "select all": tests/portal/attacks/refusal-reader.html) and learns where else
 * the user signs in. The page must only hear that the account is bound to another portal; the
 * popup, an extension page, may name it.
 */
import { describe, expect, it } from 'vitest';
import { addAccount, startForFile, tabIdOf } from '../extension-page';
import { clickFillButton } from '../fill-steps';
import { otpauthUri } from '../portal-steps';
import { collected, startPortalWithAlice } from './attack-steps';

const SECRET = 'FHFW2IJQWKG6EBM2XQTMJ34JXGSD5HOL';
/** Another of the user's portals in the same zone (never served: only its name matters). */
const ELSEWHERE = 'http://localhost:9';

const env = startForFile(
  () => startPortalWithAlice(SECRET),
  (started) =>
    addAccount(started.ext, otpauthUri('localhost', 'alice-elsewhere', { type: 'totp', secret: SECRET }), ELSEWHERE),
);

describe('a refusal never tells the page where else the user has accounts', () => {
  it('the in-page note on another origin says "another portal", and the page that reads it learns no portal', async () => {
    const hostile = env.portal.secondUrl!;
    const page = await env.session.browser.newPage();
    await page.goto(`${hostile}/attacks/refusal-reader.html`);
    await clickFillButton(page);
    // Positive control: the page really reads the extension's note out of its closed shadow root.
    await expect
      .poll(() => collected(env.portal).filter((post) => post.fields.from === 'refusal-reader'), { timeout: 5_000 })
      .not.toEqual([]);
    const stolen = collected(env.portal)
      .filter((post) => post.fields.from === 'refusal-reader')
      .map((post) => post.fields.text)
      .join('\n');
    expect(stolen).toContain(`Not filled: this page is ${hostile}`);
    // What it read names neither of the user's portals.
    expect(stolen).not.toContain(env.portal.url);
    expect(stolen).not.toContain(ELSEWHERE);
    expect(stolen).toContain('your account is bound to another portal');

    // The popup is the extension's own page: there the user learns where the account is bound.
    const viaPopup = await env.ext.send({
      type: 'fill',
      tabId: await tabIdOf(env.ext, page),
      accountId: (await firstId())!,
    });
    expect(viaPopup).toMatchObject({ ok: false, code: 'no-account' });
    expect(viaPopup.ok ? '' : viaPopup.message).toContain(env.portal.url);
    await page.close();
  });
});

async function firstId(): Promise<string | undefined> {
  const list = await env.ext.send({ type: 'accounts-list' });
  return list.ok ? list.accounts[0]?.id : undefined;
}

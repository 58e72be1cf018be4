import { describe, expect, it } from 'vitest';
import { addAccount, launchWithVault, startForFile } from '../extension-page';
import { pageText, settle } from '../fill-steps';
import { addToAuthenticator, demoUser, otpauthUri, signInWithPassword, withPortal } from '../portal-steps';

// Issue 14, attack 2: on the portal's Security page a hostile script (or a decoy the user clicks
// twice) makes the extension replace the user's real secret, and drop its recovery codes, with one
// the page chose. Replacing is now allowed only in the extension's popup.

const ERIN = 'FHFW2IJQWKG6EBM2XQTMJ34JXGSD5HOL';

let erinId: string;
const env = startForFile(
  () => withPortal([demoUser('erin')], () => launchWithVault('enrol replace test password')),
  async ({ portal, ext }) => {
    erinId = await addAccount(
      ext,
      otpauthUri(new URL(portal.url).hostname, 'erin', { type: 'totp', secret: ERIN }),
      portal.url,
    );
    expect(
      await ext.send({ type: 'recovery-import', accountId: erinId, text: 'ab12-cd34\nef56-gh78', replace: false }),
    ).toMatchObject({ ok: true, imported: 2 });
  },
);

/** What the vault holds for erin: the account ids, and the recovery codes of the original. */
async function erinInVault() {
  const list = await env.ext.send({ type: 'accounts-list' });
  const ids = list.ok ? list.accounts.filter((a) => a.label === 'erin').map((a) => a.id) : [];
  const status = await env.ext.send({ type: 'recovery-status', accountId: erinId });
  return { ids, recoveryCodes: status.ok ? status.remaining : null };
}

describe('replacing an account from the enrolment page', () => {
  it('two clicks in the page (the enrol button, then where its Replace was) replace nothing; the popup asks', async () => {
    const page = await env.session.browser.newPage();
    await page.goto(`${env.portal.url}/auth/?backurl=${encodeURIComponent('/security/?type=totp')}`);
    await signInWithPassword(page, 'erin', 'erin-pw');
    await page.waitForSelector('[data-role="qr-code-block"] img');

    const before = new Set(env.session.browser.targets());
    // First click: the user means to add this device (or clicks a decoy over the button).
    await addToAuthenticator(page);
    await expect.poll(() => pageText(page), { timeout: 5_000 }).toMatch(/already has erin for this portal/);
    // Second click: where the page's own Replace button stood, if there is one (there was, before).
    const replace = await page.$('aria/Replace');
    if (replace) {
      await settle(replace);
      await replace.click();
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    expect(await erinInVault()).toEqual({ ids: [erinId], recoveryCodes: 2 });
    expect(await page.$$eval('input[data-role="check-code"]', (inputs) => inputs.map((i) => i.value))).toEqual(['']);

    // Positive control: the page's request went as far as replacing; the popup asks the user, naming both.
    const popup = await env.session.browser.waitForTarget(
      (t) => !before.has(t) && t.url() === `chrome-extension://${env.session.extension.id}/popup.html`,
      { timeout: 5_000 },
    );
    const question = await (await popup.asPage())!.waitForSelector('#confirm-heading', { timeout: 5_000 });
    expect(await question!.evaluate((h) => h.parentElement!.textContent)).toContain(
      `${env.portal.url} asks to connect a new device for erin`,
    );
    await (await popup.asPage())!.close();
    await page.close();
  });
});

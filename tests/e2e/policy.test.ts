import { describe, expect, it } from 'vitest';
import type { Portal } from '../portal/server.js';
import { EXTENSION_ID } from './chromium';
import { settingsOf } from './extension-page';
import { clickFillButton, waitForFieldValue } from './fill-steps';
import { totpAround } from './oathtool';
import { managedPolicy, reloadPolicies, underPolicyForFile } from './policy-steps';
import { signInWithPassword } from './portal-steps';
import {
  companyPolicy,
  expectAutoLockCapped,
  expectBoundToPortalsOnly,
  expectNoExport,
  expectPasswordRules,
} from './scenarios/policy';

// A real policy file, read by Chromium itself: the same way an administrator deploys one on Linux.
const policy = managedPolicy('bitrix24-authenticator-e2e-test.json');
const SECRET = 'FHFW2IJQWKG6EBM2XQTMJ34JXGSD5HOL';
const PASSWORD = 'a long master password 2026';

function basePolicy(portal: Portal) {
  return {
    ...companyPolicy(portal.url, 'Demo portal'),
    // Passes Chrome's schema (a string) but not the extension's checks: ignored, with a notice.
    supportUrl: 'javascript:alert(1)',
  };
}

const settings = () => settingsOf(env.ext);

const env = underPolicyForFile(policy, basePolicy, {
  users: {
    users: [
      { login: 'alice', password: 'alice-pw', name: 'Alice', otp: { type: 'totp', secret: SECRET }, recoveryCodes: [] },
    ],
  },
});

describe('an administrator policy from /etc/chromium/policies/managed', () => {
  it('reaches the extension after start-up', async () => {
    // Chromium hands managed storage to the extension a moment after start.
    await expect.poll(async () => (await settings()).policy.managed, { timeout: 20_000 }).toBe(true);
  });

  it('enforces the password rules when the vault is created', async () => {
    await expectPasswordRules(env.ext, PASSWORD);
  });

  it('caps auto-lock at its maximum, locks the settings it fixes, and reports the invalid value', async () => {
    const before = await settings();
    expect(before.settings.autoLockMinutes).toBe(10);
    expect(before.settings.lockOnIdle).toBe(true);
    expect(before.locked.sort()).toEqual(['clipboardClearSeconds', 'lockOnIdle']);
    expect(before.policy.invalid).toEqual([{ key: 'supportUrl', reason: 'must be an http or https address' }]);
    expect(before.policy.supportUrl).toBeNull();

    await expectAutoLockCapped(env.ext, () => env.session.worker.evaluate(() => chrome.alarms.get('auto-lock')));
  });

  it('allows no export of any kind', async () => {
    // And the options page offers none: no export panel, no backup to save (restoring stays).
    const options = await env.session.browser.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    await expectNoExport(env.ext, options);
    // The value the extension could not use is named, with the reason, not silently dropped.
    expect(await options.$eval('[data-role="policy-invalid"]', (e) => e.textContent)).toBe(
      'Your organization\'s setting "supportUrl" was ignored: it must be an http or https address.',
    );
    await options.close();
  });

  it('binds accounts only to the company portals, and recognises and fills there', async () => {
    await expectBoundToPortalsOnly(env.ext, SECRET, env.portal.url);
    expect((await settings()).policy.portals).toEqual([{ origin: env.portal.url, name: 'Demo portal', granted: true }]);

    const page = await env.session.browser.newPage();
    await page.goto(`${env.portal.url}/auth/`);
    await signInWithPassword(page, 'alice', 'alice-pw');
    await clickFillButton(page);
    expect(totpAround(SECRET, Date.now())).toContain(await waitForFieldValue(page, (v) => v !== ''));
    await page.close();
  });

  it('applies a changed policy file while the browser runs', async () => {
    await policy.write({ ...basePolicy(env.portal), autoLockMinutes: 3, disableExport: false });
    await reloadPolicies(env.session);
    await expect.poll(async () => (await settings()).policy.autoLockMaxMinutes, { timeout: 20_000 }).toBe(3);
    expect((await settings()).settings.autoLockMinutes).toBe(3);
    expect(await env.ext.send({ type: 'accounts-export', format: 'otpauth' })).toMatchObject({ ok: true });
    const options = await env.session.browser.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    await options.waitForSelector('#export-heading');
    expect(await options.$('[data-role="export-disabled"]')).toBeNull();
    await options.close();
  });
});

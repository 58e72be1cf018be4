import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openExtensionPage, settingsOf, type ExtensionPage } from '../extension-page';
import { launchFirefox, type FirefoxSession } from '../firefox';
import { firefoxPolicy } from '../policy-steps';
import {
  companyPolicy,
  expectAutoLockCapped,
  expectBoundToPortalsOnly,
  expectNoExport,
  expectPasswordRules,
} from '../scenarios/policy';
import { openUiPage } from '../ui-steps';

/**
 * An administrator's policy in Firefox: a real /etc/firefox/policies/policies.json, read by Firefox
 * itself at start-up, its `3rdparty.Extensions` entry handed to the extension's storage.managed.
 * The extension is a temporary add-on here, and that is enough: Firefox refuses managed storage only
 * to an add-on without an id of its own (`…@temporary-addon`), and ours has its gecko id.
 *
 * The file is system-wide: every Firefox started while it exists gets these policies. It is there
 * only while this test's Firefox starts, and taken away again before any check runs.
 */
const policy = firefoxPolicy();
const PASSWORD = 'a long master password 2026';
const INTRANET = 'https://intranet.example.com';
const SECRET = 'FHFW2IJQWKG6EBM2XQTMJ34JXGSD5HOL';

let session: FirefoxSession;
let ext: ExtensionPage;

const settingsFile = {
  ...companyPolicy(INTRANET, 'Intranet'),
  // Firefox has no schema for an extension's policy: it passes on a wrong type as it is, where
  // Chrome would drop it. The extension ignores both values and says so.
  recoveryCodeWarningThreshold: '3',
  supportUrl: 'javascript:alert(1)',
};

const settings = () => settingsOf(ext);

beforeAll(async () => {
  await policy.write(settingsFile);
  try {
    session = await launchFirefox();
  } finally {
    // Firefox has read the file by now: no other Firefox on the machine should get it.
    await policy.remove();
  }
  ext = await openExtensionPage(session);
});

afterAll(async () => {
  await policy.remove();
  await session?.close();
});

describe('an administrator policy from /etc/firefox/policies/policies.json', () => {
  it('reaches the extension, unchanged, and stays after the file is gone', async () => {
    expect(existsSync(policy.file)).toBe(false);
    await expect.poll(async () => (await settings()).policy.managed, { timeout: 20_000 }).toBe(true);
    // What storage.managed hands over is the file's object, wrong types and all.
    expect(await ext.page.evaluate(() => browser.storage.managed.get(null))).toEqual(settingsFile);
  });

  it('enforces the password rules when the vault is created', async () => {
    await expectPasswordRules(ext, PASSWORD);
  });

  it('caps auto-lock at its maximum, locks the settings it fixes, and reports the values it ignored', async () => {
    const before = await settings();
    expect(before.settings.autoLockMinutes).toBe(10);
    expect(before.settings.lockOnIdle).toBe(true);
    expect(before.locked.sort()).toEqual(['clipboardClearSeconds', 'lockOnIdle']);
    expect(before.policy.invalid.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'recoveryCodeWarningThreshold', reason: 'must be a whole number from 0 to 10' },
      { key: 'supportUrl', reason: 'must be an http or https address' },
    ]);
    expect(before.policy.supportUrl).toBeNull();

    await expectAutoLockCapped(ext, () => ext.page.evaluate(() => browser.alarms.get('auto-lock')));
  });

  it('allows no export of any kind', async () => {
    // And the options page offers none: no export panel, no backup to save (restoring stays).
    const options = await openUiPage(session, 'options.html');
    await expectNoExport(ext, options);
    // The values the extension could not use are named, with the reason, not silently dropped.
    expect(await options.$$eval('[data-role="policy-invalid"] li', (all) => all.map((e) => e.textContent))).toEqual([
      'Your organization\'s setting "recoveryCodeWarningThreshold" was ignored: it must be a whole number from 0 to 10.',
      'Your organization\'s setting "supportUrl" was ignored: it must be an http or https address.',
    ]);
    await options.close();
  });

  it('binds accounts only to the company portals', async () => {
    await expectBoundToPortalsOnly(ext, SECRET, INTRANET);
    // A self-hosted portal: Firefox gives the extension no host access to it until the user allows it.
    expect((await settings()).policy.portals).toEqual([{ origin: INTRANET, name: 'Intranet', granted: false }]);
  });
});

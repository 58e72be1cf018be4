import { describe, expect, it } from 'vitest';
import type { Portal } from '../../portal/server.js';
import { backupMadeElsewhere } from '../../unit/backup/made-elsewhere';
import { managedPolicy, reloadPolicies, underPolicyForFile } from '../policy-steps';
import { openUiPage } from '../ui-steps';

/**
 * Issue 14: managed policy bypassed through the extension's own pages. Each attack is a message an
 * extension page can send (the popup's own or one typed into its console), against a real policy
 * file that Chromium itself reads, as an administrator deploys one on Linux.
 */

// Its own file, so it never removes the one tests/e2e/policy.test.ts writes.
const policy = managedPolicy('bitrix24-authenticator-e2e-attacks.json');
const PASSWORD = 'a long master password 2026';
const SECRET = 'FHFW2IJQWKG6EBM2XQTMJ34JXGSD5HOL';
const EVIL = 'https://evil.example';
const SECOND = 'https://second.bitrix24.com';
const BACKUP_PASSWORD = 'backup password 2026';
const CODES = ['k7m2-p9q4', 'x3v8-n6w1', 'r5t0-z2y7', 'h4j6-c8d2'];

let danId = '';

const strictPolicy = (portal: Portal) => ({
  portals: [
    { url: portal.url, name: 'Demo portal' },
    { url: SECOND, name: 'Second portal' },
  ],
  restrictToPortals: true,
  disableManualEntry: true,
  disableExport: true,
});

async function accounts(): Promise<string[]> {
  const list = await env.ext.send({ type: 'accounts-list' });
  if (!list.ok) throw new Error(list.message);
  return list.accounts.map((a) => `${a.label} ${a.origins.join(' ')}`).sort();
}

/** A backup "made elsewhere", planting mallory's account on a foreign site. */
const foreignBackup = () => backupMadeElsewhere({ secret: SECRET, origin: EVIL, password: BACKUP_PASSWORD });

const uri = `otpauth://totp/demo%3Aalice?secret=${SECRET}&issuer=demo`;

const env = underPolicyForFile(policy, strictPolicy);

describe('managed policy cannot be bypassed through the extension pages', () => {
  it('the policy reaches the extension, and what it allows still works', async () => {
    await expect
      .poll(
        async () => {
          const reply = await env.ext.send({ type: 'settings-get' });
          return reply.ok && reply.policy.restrictToPortals && reply.policy.disableManualEntry;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    expect(await env.ext.send({ type: 'vault-create', password: PASSWORD })).toEqual({ ok: true });
    // A login with recovery codes only carries no secret: allowed, bound to a company portal.
    const dan = await env.ext.send({
      type: 'account-add-recovery',
      label: 'dan',
      origins: [env.portal.url],
      codes: CODES.join('\n'),
    });
    if (!dan.ok) throw new Error(dan.message);
    danId = dan.id;
    expect(await accounts()).toEqual([`dan ${env.portal.url}`]);
  });

  it('restrictToPortals: account-update cannot re-bind an account to another portal', async () => {
    const before = await accounts();
    const attack = await env.ext.send({ type: 'account-update', id: danId, patch: { origins: [EVIL] } });
    expect(attack).toMatchObject({ ok: false, code: 'outside-portals', params: [EVIL] });
    expect(
      await env.ext.send({ type: 'account-update', id: danId, patch: { origins: [env.portal.url, EVIL] } }),
    ).toMatchObject({ ok: false, code: 'outside-portals' });
    expect(await accounts()).toEqual(before);
    // Control: the same message re-binds to a portal of the list, and back.
    expect(await env.ext.send({ type: 'account-update', id: danId, patch: { origins: [SECOND] } })).toMatchObject({
      ok: true,
      account: { origins: [SECOND] },
    });
    expect(
      await env.ext.send({ type: 'account-update', id: danId, patch: { origins: [env.portal.url] } }),
    ).toMatchObject({
      ok: true,
    });
  });

  it('disableManualEntry: an account-add claiming to come from enrolment is manual entry all the same', async () => {
    const before = await accounts();
    const attack = await env.ext.page.evaluate((m) => chrome.runtime.sendMessage(m), {
      type: 'account-add',
      uri,
      origins: [env.portal.url],
      source: 'enrolment',
    });
    expect(attack).toMatchObject({ ok: false, code: 'manual-entry-disabled' });
    expect(await accounts()).toEqual(before);
  });

  it('disableManualEntry and restrictToPortals: an import is refused', async () => {
    const before = await accounts();
    const data = Buffer.from(`${uri}\n`).toString('base64');
    expect(await env.ext.send({ type: 'accounts-import', fileName: 'links.txt', data })).toMatchObject({
      ok: false,
      code: 'manual-entry-disabled',
    });
    expect(await accounts()).toEqual(before);
  });

  it('disableExport: the recovery codes are not listed, by the background or on the details screen', async () => {
    const status = await env.ext.send({ type: 'recovery-status', accountId: danId });
    expect(status).toMatchObject({ ok: true, total: 4, remaining: 4, codes: [], codesHidden: true });
    for (const code of CODES) expect(JSON.stringify(status)).not.toContain(code);

    const popup = await openUiPage(env.session, 'popup.html');
    await (await popup.waitForSelector('button.details[aria-label$="dan"]'))!.click();
    await popup.waitForSelector('[data-role="recovery-codes-hidden"]');
    const screenText = await popup.$eval('section.recovery', (e) => e.textContent ?? '');
    expect(screenText).toContain('Unused: 4 of 4.');
    expect(screenText).toContain('Your organization does not allow showing the recovery codes.');
    for (const code of CODES) expect(screenText).not.toContain(code);
    await popup.close();

    // Taking one code for a sign-in stays possible (filled or copied), and it counts as used.
    expect(await env.ext.send({ type: 'recovery-take', accountId: danId })).toMatchObject({
      ok: true,
      code: CODES[0],
      remaining: 3,
    });
  });

  it('disableManualEntry and restrictToPortals: restoring a backup made elsewhere changes nothing', async () => {
    const before = await accounts();
    const text = await foreignBackup();
    const attack = await env.ext.send({ type: 'backup-import', text, password: BACKUP_PASSWORD });
    expect(attack).toMatchObject({ ok: false, code: 'manual-entry-disabled' });
    expect(await accounts()).toEqual(before);
    expect(await env.ext.send({ type: 'recovery-status', accountId: danId })).toMatchObject({ ok: true, total: 4 });
  });

  it('control: once the administrator lifts the policy, the very same messages go through', async () => {
    await policy.write({ portals: [{ url: env.portal.url, name: 'Demo portal' }] });
    await reloadPolicies(env.session);
    await expect
      .poll(
        async () => {
          const reply = await env.ext.send({ type: 'settings-get' });
          return reply.ok && !reply.policy.restrictToPortals && !reply.policy.disableManualEntry;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    expect(await env.ext.send({ type: 'account-update', id: danId, patch: { origins: [EVIL] } })).toMatchObject({
      ok: true,
    });
    expect(
      await env.ext.page.evaluate((m) => chrome.runtime.sendMessage(m), {
        type: 'account-add',
        uri,
        origins: [env.portal.url],
        source: 'enrolment',
      }),
    ).toMatchObject({ ok: true });
    expect(await env.ext.send({ type: 'recovery-status', accountId: danId })).toMatchObject({
      ok: true,
      codes: [{ code: CODES[0], used: true }, { code: CODES[1] }, { code: CODES[2] }, { code: CODES[3] }],
    });
    expect(
      await env.ext.send({ type: 'backup-import', text: await foreignBackup(), password: BACKUP_PASSWORD }),
    ).toMatchObject({
      ok: true,
      accounts: 1,
    });
    expect(await accounts()).toEqual([`mallory ${EVIL}`]);
  });
});

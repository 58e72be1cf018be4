import { describe, expect, it } from 'vitest';
import { startForFile } from '../extension-page';
import { openUiPage, typeInto } from '../ui-steps';
import { launchWithLockedVault } from './attack-steps';

/**
 * Issue 14: whoever has the browser but not the master password must not loosen the vault's
 * protection while it is locked (a longer auto-lock, filling on page load, auto-submit, a copied
 * code kept in the clipboard longer or for good). Stricter settings stay free.
 */

const PASSWORD = 'a long master password 2026';

const env = startForFile(() => launchWithLockedVault(PASSWORD, { lockOnIdle: true }));

async function settings() {
  const reply = await env.ext.send({ type: 'settings-get' });
  if (!reply.ok) throw new Error(reply.message);
  return reply.settings;
}

describe('settings while the vault is locked', () => {
  it('a settings-set that weakens protection is refused, and nothing changes', async () => {
    const before = await settings();
    expect(before).toMatchObject({ autoLockMinutes: 15, lockOnIdle: true, autofillMode: 'click', autoSubmit: false });
    for (const patch of [
      { autoLockMinutes: 1440 },
      { lockOnIdle: false },
      { autofillMode: 'load' },
      { autoSubmit: true },
      { clipboardClearSeconds: 0 },
      { clipboardClearSeconds: 600 },
    ] as const) {
      expect(await env.ext.send({ type: 'settings-set', patch }), JSON.stringify(patch)).toMatchObject({
        ok: false,
        code: 'unlock-to-weaken',
        params: Object.keys(patch),
      });
    }
    expect(await settings()).toEqual(before);
    expect(await env.ext.send({ type: 'vault-status' })).toEqual({ ok: true, state: 'locked' });
  });

  it('a stricter setting or the language goes through while locked', async () => {
    expect(
      await env.ext.send({ type: 'settings-set', patch: { autoLockMinutes: 5, clipboardClearSeconds: 10 } }),
    ).toMatchObject({
      ok: true,
      settings: { autoLockMinutes: 5, clipboardClearSeconds: 10 },
    });
  });

  it('the options page says why, under the setting', async () => {
    const page = await openUiPage(env.session, 'options.html');
    await page.waitForSelector('#unlock-heading');
    await typeInto(page, '#setting-autoLockMinutes', '600');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() =>
      document
        .querySelector('#setting-autoLockMinutes')
        ?.closest('.setting')
        ?.textContent?.includes('Unlock the vault to change this: it would leave the vault less protected.'),
    );
    expect((await settings()).autoLockMinutes).toBe(5);
    await page.close();
  });

  it('control: unlocked, the same changes are the user’s to make', async () => {
    expect(await env.ext.send({ type: 'vault-unlock', password: PASSWORD })).toEqual({ ok: true });
    expect(
      await env.ext.send({
        type: 'settings-set',
        patch: { autoLockMinutes: 1440, autoSubmit: true, autofillMode: 'load', clipboardClearSeconds: 0 },
      }),
    ).toMatchObject({ ok: true, settings: { autoLockMinutes: 1440, autoSubmit: true, autofillMode: 'load' } });
  });
});

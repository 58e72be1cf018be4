import { describe, expect, it } from 'vitest';
import { startForFile } from '../extension-page';
import { openUiPage } from '../ui-steps';
import { launchWithLockedVault } from './attack-steps';

/**
 * Issue 14: the vault can be wiped while locked, without the master password. That stays (it is
 * how a user who forgot the password starts over), but only behind the typed confirmation word,
 * and the page says that a backup brings the accounts back.
 */

const PASSWORD = 'a long master password 2026';
const WIPE = 'section[aria-labelledby="wipe-heading"]';

const env = startForFile(() => launchWithLockedVault(PASSWORD));

describe('wiping a locked vault from the options page', () => {
  it('says that a backup restores the accounts, and wipes only after WIPE is typed', async () => {
    const page = await openUiPage(env.session, 'options.html');
    await page.waitForSelector('#unlock-heading');
    const note = await page.waitForSelector(`${WIPE} [data-role="wipe-forgot-password"]`);
    expect(await note!.evaluate((e) => e.textContent)).toBe(
      'Forgot the master password? Wiping is the only way to start over. Then create a new vault and, if you have a backup, restore it with its backup password: your accounts and recovery codes come back.',
    );
    const button = `${WIPE} button[type="submit"]`;
    expect(await page.$eval(button, (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    // Enter in the field submits the form: the check is in the submit, not only in the button.
    await page.type(`${WIPE} input`, 'WIP');
    await page.keyboard.press('Enter');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await env.ext.send({ type: 'vault-status' })).toEqual({ ok: true, state: 'locked' });

    await page.type(`${WIPE} input`, 'E');
    await page.click(button);
    await page.waitForSelector('#create-vault-heading');
    expect(await env.ext.send({ type: 'vault-status' })).toEqual({ ok: true, state: 'empty' });
    await page.close();
  });
});

import { expect } from 'vitest';
import type { Page } from 'puppeteer-core';
import { totpAround } from '../oathtool';
import { textOf, typeInto } from '../ui-steps';

const shownCode = async (page: Page) => (await textOf(page, 'button.code')).replace(/\s/g, '');

/**
 * A new user's first minutes in the popup (`page`, the popup's page, still empty): create the
 * vault, add an account by the key Bitrix24 shows (`spacedKey`, of `secret`), see oathtool's code,
 * copy it, lock, a wrong password refused, the right one unlocks.
 */
export async function firstRunInPopup(page: Page, password: string, secret: string, spacedKey: string): Promise<void> {
  // First run: the master password, what it protects, that it cannot be recovered.
  expect(await textOf(page, '#create-vault-heading')).toBeTruthy();
  await typeInto(page, 'aria/Master password', password);
  await typeInto(page, 'aria/Repeat the password', password);
  expect(await textOf(page, '.strength')).toMatch(/strong|good/);
  await page.click('button[type="submit"]');

  // The empty list, then the Add screen with the typed key.
  await (await page.waitForSelector('aria/Add your first account'))!.click();
  await typeInto(page, 'aria/Secret key', spacedKey);
  await typeInto(page, 'aria/Login', 'alice');
  await typeInto(page, 'aria/Portal address', 'company.bitrix24.com');
  await page.click('button[type="submit"]');

  const row = await page.waitForSelector('li.account');
  expect(await row!.evaluate((e) => e.textContent)).toContain('alice');
  expect(await textOf(page, '.account-title')).toBe('company.bitrix24.com');
  const code = await shownCode(page);
  expect(code).toMatch(/^\d{6}$/);
  expect(totpAround(secret, Date.now())).toContain(code);
  // Grouped for reading.
  expect(await textOf(page, 'button.code')).toMatch(/^\d{3} \d{3}$/);

  // Copy: the clipboard holds the code, and the popup says so.
  await page.click('button.code');
  await page.waitForSelector('.notice-success:not([data-empty])');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

  // Lock, then unlock with the master password: the account and its live code are back.
  await (await page.waitForSelector('aria/Lock'))!.click();
  await page.waitForSelector('#unlock-heading');
  expect(await page.$('li.account')).toBeNull();
  await typeInto(page, 'aria/Master password', 'not the password');
  await page.click('button[type="submit"]');
  expect(await textOf(page, '.field .error')).toMatch(/Wrong password/);
  await typeInto(page, 'aria/Master password', password);
  await page.click('button[type="submit"]');
  await page.waitForSelector('li.account');
  expect(totpAround(secret, Date.now())).toContain(await shownCode(page));
}

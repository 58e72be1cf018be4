import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { textOf } from '../ui-steps';

/**
 * In the options page (`page`): imports a file from `folder` with two good otpauth:// lines (the
 * Base32 `keys`, as Acme:alice and Beta:bob) and a broken third, and reads the report, which must
 * name what it read, what went in and why the third did not.
 */
export async function importTwoAndOneBroken(page: Page, folder: string, keys: readonly string[]): Promise<void> {
  const file = join(folder, 'accounts-to-import.txt');
  await writeFile(
    file,
    [
      `otpauth://totp/Acme:alice?secret=${keys[0]}&issuer=Acme`,
      `otpauth://totp/Beta:bob?secret=${keys[1]}&issuer=Beta`,
      'otpauth://totp/Broken:carol?secret=11111111',
    ].join('\n'),
  );
  const input = (await page.waitForSelector(
    'section[aria-labelledby="import-heading"] input[type="file"]',
  )) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(file);
  await page.click('section[aria-labelledby="import-heading"] button[type="submit"]');
  const report = await textOf(page, '.report');
  expect(report).toContain('Read as: otpauth://');
  expect(report).toContain('Imported: 2');
  expect(report).toContain('Not imported: 1');
  expect(report).toMatch(/line 3: This is not a valid key/);
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPng, zbarimg } from '../unit/qr/qrencode';
import { launchWithExtension, type ExtensionSession } from './chromium';
import { addAccount, openExtensionPage, type ExtensionPage } from './extension-page';
import { openUiPage, typeInto } from './ui-steps';
import { parseOtpauthUri } from '@/lib/otp';

// Issue 16, per-account QR export: one account shown in the popup as a QR code, behind the master
// password, read here by ZBar (an independent decoder) as a phone's authenticator app would.

const SECRET = 'FHFW2IJQWKG6EBM2XQTMJ34JXGSD5HOL';
const PASSWORD = 'account qr master password';

let session: ExtensionSession;
let ext: ExtensionPage;

beforeAll(async () => {
  session = await launchWithExtension();
  ext = await openExtensionPage(session);
  expect(await ext.send({ type: 'vault-create', password: PASSWORD })).toEqual({ ok: true });
  await addAccount(ext, `otpauth://totp/Company:alice?secret=${SECRET}&issuer=Company`, 'https://company.bitrix24.com');
});

afterAll(async () => {
  await session?.close();
});

describe('one account to a phone', () => {
  it('the popup shows its QR code after the master password, and a scanner reads the account from it', async () => {
    const page = await openUiPage(session, 'popup.html');
    await (await page.waitForSelector('aria/Details — Company — alice'))!.click();
    await (await page.waitForSelector('aria/Show as a QR code…'))!.click();
    await typeInto(page, 'section.account-qr input[type="password"]', 'wrong password');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('section.account-qr [role="alert"]')?.textContent);
    expect(await page.$('section.account-qr svg')).toBeNull();

    await typeInto(page, 'section.account-qr input[type="password"]', PASSWORD);
    await page.keyboard.press('Enter');
    const qr = await page.waitForSelector('aria/QR code of Company — alice for an authenticator app');
    const scanned = zbarimg(readPng(Buffer.from(await qr!.screenshot({ type: 'png' }))));
    expect(scanned).toHaveLength(1);
    expect(parseOtpauthUri(scanned[0]!)).toMatchObject({
      type: 'totp',
      secret: SECRET,
      issuer: 'Company',
      label: 'alice',
    });

    await (await page.waitForSelector('aria/Hide QR code'))!.click();
    expect(await page.$('section.account-qr svg')).toBeNull();
    await page.close();
  });
});

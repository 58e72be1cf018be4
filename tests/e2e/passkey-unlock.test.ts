import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'puppeteer-core';
import { launchWithExtension, type ExtensionSession } from './chromium';
import { addAccount, gotoExtension, openExtensionPage, type ExtensionPage } from './extension-page';
import { totpAround } from './oathtool';
import { managedPolicy, reloadPolicies } from './policy-steps';
import { openUiPage, typeInto } from './ui-steps';

// Issue 16, passkey unlock, in Chromium with the DevTools protocol's virtual authenticator (a
// platform authenticator with user verification and the PRF extension, as Windows Hello or
// Touch ID would be). The passkey is created and used from the extension's own pages; its relying
// party is the extension's origin.

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const ALICE = `otpauth://totp/Company:alice?secret=${SECRET}&issuer=Company`;
const PASSWORD = 'passkey unlock master password';
const policy = managedPolicy('bitrix24-authenticator-e2e-passkeys.json');

let session: ExtensionSession;
let ext: ExtensionPage;
/** One tab for options and popup alike: the virtual authenticator belongs to the tab. */
let page: Page;
let cdp: CDPSession;
let authenticatorId: string;

async function addAuthenticator(options: { hasPrf: boolean }): Promise<string> {
  const added = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      hasPrf: options.hasPrf,
      automaticPresenceSimulation: true,
    },
  });
  return added.authenticatorId;
}

async function credentials(id = authenticatorId) {
  return (await cdp.send('WebAuthn.getCredentials', { authenticatorId: id })).credentials;
}

const text = (selector: string) => page.$eval(selector, (element) => element.textContent ?? '');

async function openOptions(): Promise<void> {
  await gotoExtension(session, page, 'options.html');
  await page.waitForSelector('#app > *');
}

/** The options page's passkey section: name, master password, Add; waits for what it says. */
async function addPasskey(name: string): Promise<string> {
  await openOptions();
  const section = await page.waitForSelector('[data-role="passkeys"] form');
  const [nameField, passwordField] = await section!.$$('input');
  await nameField!.click({ count: 3 });
  await nameField!.type(name);
  await passwordField!.type(PASSWORD);
  await page.bringToFront();
  await (await section!.$('button[type="submit"]'))!.click();
  const said = await page.waitForFunction(
    () =>
      [...document.querySelectorAll('[data-role="passkeys"] .notice-success, [data-role="passkeys"] .notice-error')]
        .map((notice) => notice.textContent ?? '')
        .find((words) => words !== ''),
    { timeout: 15_000 },
  );
  return (await said.jsonValue()) as string;
}

async function openLockedPopup(): Promise<void> {
  expect(await ext.send({ type: 'vault-lock' })).toEqual({ ok: true });
  await gotoExtension(session, page, 'popup.html');
  await page.waitForSelector('form.unlock');
}

beforeAll(async () => {
  session = await launchWithExtension();
  ext = await openExtensionPage(session);
  expect(await ext.send({ type: 'vault-create', password: PASSWORD })).toEqual({ ok: true });
  await addAccount(ext, ALICE, 'https://company.bitrix24.com');
  page = await openUiPage(session, 'options.html');
  cdp = await page.createCDPSession();
  await cdp.send('WebAuthn.enable');
  authenticatorId = await addAuthenticator({ hasPrf: true });
});

afterAll(async () => {
  await policy.remove();
  await session?.close();
});

describe('unlocking with a passkey', () => {
  it('registered in the options page, it unlocks the popup, and the codes are the vault’s', async () => {
    expect(await addPasskey('Work laptop')).toBe('Passkey added. The next unlock offers it first.');
    const [credential] = await credentials();
    // A passkey of the extension's own origin: no web site can ask for it.
    expect(credential?.rpId).toBe(`chrome-extension://${session.extension.id}`);
    expect(await text('[data-role="passkey"]')).toContain('Work laptop');

    await openLockedPopup();
    // Offered first, above the password.
    expect(
      await page.$eval('form.unlock', (form) => form.querySelector('button, input')?.getAttribute('data-role')),
    ).toBe('unlock-passkey');
    await page.bringToFront();
    await page.click('[data-role="unlock-passkey"]');
    await page.waitForSelector('li.account');
    expect(await ext.send({ type: 'vault-status' })).toEqual({ ok: true, state: 'unlocked' });
    const shown = (await text('li.account .code')).replace(/\s/g, '');
    expect(totpAround(SECRET, Date.now())).toContain(shown);
    // The authenticator signed once to create and once for each PRF evaluation: it was really asked.
    expect((await credentials())[0]!.signCount).toBeGreaterThanOrEqual(2);
  });

  it('another credential’s answer is refused, and a device without the passkey unlocks nothing', async () => {
    await openLockedPopup();
    const [slot] = await passkeyList();
    // A passkey the vault does not know, on the same authenticator, evaluated at the real slot's salt.
    const stranger = await page.evaluate(async (salt) => {
      const bytes = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const b64 = (buffer: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)));
      const created = (await navigator.credentials.create({
        publicKey: {
          rp: { name: 'Not the vault' },
          user: { id: crypto.getRandomValues(new Uint8Array(16)), name: 'x', displayName: 'x' },
          challenge: crypto.getRandomValues(new Uint8Array(32)),
          pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
          authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
          extensions: { prf: {} },
        },
      })) as PublicKeyCredential;
      const asserted = (await navigator.credentials.get({
        publicKey: {
          challenge: crypto.getRandomValues(new Uint8Array(32)),
          allowCredentials: [{ type: 'public-key', id: created.rawId }],
          userVerification: 'required',
          extensions: { prf: { eval: { first: bytes(salt) } } },
        },
      })) as PublicKeyCredential;
      const first = asserted.getClientExtensionResults().prf?.results?.first as ArrayBuffer;
      return { id: b64(created.rawId), prf: b64(first) };
    }, slot!.salt);
    expect(stranger.prf).toHaveLength(44);
    expect(
      await ext.send({ type: 'vault-unlock-passkey', credentialId: stranger.id, prf: stranger.prf }),
    ).toMatchObject({
      ok: false,
      code: 'passkey-refused',
    });
    expect(await ext.send({ type: 'vault-unlock-passkey', credentialId: slot!.id, prf: stranger.prf })).toMatchObject({
      ok: false,
      code: 'passkey-refused',
    });
    expect(await ext.send({ type: 'vault-status' })).toEqual({ ok: true, state: 'locked' });

    // Another device: an authenticator that never held the passkey.
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: authenticatorId });
    const elsewhere = await addAuthenticator({ hasPrf: true });
    try {
      await gotoExtension(session, page, 'popup.html');
      await page.bringToFront();
      await (await page.waitForSelector('[data-role="unlock-passkey"]'))!.click();
      const said = await page.waitForFunction(
        () => document.querySelector('form.unlock .field-error, form.unlock [role="alert"]')?.textContent,
        {
          timeout: 15_000,
        },
      );
      expect(await said.jsonValue()).toMatch(/^The passkey was not used/);
      expect(await ext.send({ type: 'vault-status' })).toEqual({ ok: true, state: 'locked' });
      // The master password still opens it.
      await typeInto(page, 'form.unlock input[type="password"]', PASSWORD);
      await page.keyboard.press('Enter');
      await page.waitForSelector('li.account');
    } finally {
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: elsewhere });
    }
  });

  it('an authenticator without PRF is said so, and nothing is added', async () => {
    authenticatorId = await addAuthenticator({ hasPrf: false });
    const before = await passkeyList();
    expect(await addPasskey('Old key')).toMatch(/does not support the PRF extension/);
    expect(await passkeyList()).toEqual(before);
  });

  it('removed, the passkey no longer opens the vault: the popup asks for the password only', async () => {
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
    authenticatorId = await addAuthenticator({ hasPrf: true });
    expect(await addPasskey('Desk')).toBe('Passkey added. The next unlock offers it first.');
    for (const slot of await passkeyList()) {
      await openOptions();
      const remove = await page.waitForSelector(`[data-role="passkey"] button`);
      await remove!.click();
      await page.waitForFunction((id) => !document.body.textContent?.includes(id), {}, slot.label);
    }
    expect(await passkeyList()).toEqual([]);
    await openLockedPopup();
    await page.waitForSelector('form.unlock input[type="password"]');
    // The list of passkeys came back empty before the form settled.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await page.$('[data-role="unlock-passkey"]')).toBeNull();
    await typeInto(page, 'form.unlock input[type="password"]', PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForSelector('li.account');
  });

  it('an administrator’s allowPasskeyUnlock: false takes the option away', async () => {
    expect(await addPasskey('Before the policy')).toBe('Passkey added. The next unlock offers it first.');
    const [slot] = await passkeyList();
    await policy.write({ allowPasskeyUnlock: false });
    await reloadPolicies(session);
    await expect
      .poll(async () => ((await ext.send({ type: 'passkey-list' })) as { allowed?: boolean }).allowed, {
        timeout: 15_000,
      })
      .toBe(false);
    await openOptions();
    await page.waitForSelector('[data-role="last-backup"]');
    expect(await page.$('[data-role="passkeys"]')).toBeNull();
    await openLockedPopup();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await page.$('[data-role="unlock-passkey"]')).toBeNull();
    // Asked directly with the passkey's real answer, the background refuses too.
    const prf = await evaluateInPage(slot!.id, slot!.salt);
    expect(await ext.send({ type: 'vault-unlock-passkey', credentialId: slot!.id, prf })).toMatchObject({
      ok: false,
      code: 'passkeys-disabled',
    });
    expect(await ext.send({ type: 'vault-status' })).toEqual({ ok: true, state: 'locked' });
    await policy.remove();
    await reloadPolicies(session);
    await expect
      .poll(async () => ((await ext.send({ type: 'passkey-list' })) as { allowed?: boolean }).allowed, {
        timeout: 15_000,
      })
      .toBe(true);
    // The control: allowed again, and the slot was not removed (no password unlock came in between), the same answer opens it.
    expect(await ext.send({ type: 'vault-unlock-passkey', credentialId: slot!.id, prf })).toEqual({ ok: true });
  });
});

async function passkeyList() {
  const reply = await ext.send({ type: 'passkey-list' });
  if (!reply.ok) throw new Error(reply.message);
  return reply.passkeys;
}

/** The passkey's PRF output for `salt`, asked of the authenticator from the extension's page. */
async function evaluateInPage(id: string, salt: string): Promise<string> {
  await page.bringToFront();
  return page.evaluate(
    async (credentialId, prfSalt) => {
      const bytes = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const asserted = (await navigator.credentials.get({
        publicKey: {
          challenge: crypto.getRandomValues(new Uint8Array(32)),
          allowCredentials: [{ type: 'public-key', id: bytes(credentialId) }],
          userVerification: 'required',
          extensions: { prf: { eval: { first: bytes(prfSalt) } } },
        },
      })) as PublicKeyCredential;
      const first = asserted.getClientExtensionResults().prf?.results?.first as ArrayBuffer;
      return btoa(String.fromCharCode(...new Uint8Array(first)));
    },
    id,
    salt,
  );
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from 'otpauth';
import { startPortal } from '../portal/server.js';
import { currentWorker, launchWithExtension, type ExtensionSession } from './chromium';
import { openExtensionPage, type ExtensionPage } from './extension-page';
import { hotpAt, totpAround } from './oathtool';
import { findInFiles, needleForms } from './profile-scan';

const PASSWORD = 'Tr0ub4dor & 3 staple horses';
const totpSecret = new Secret({ size: 20 });
const hotpSecret = new Secret({ size: 20 });
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const randomCode = () =>
  Array.from({ length: 9 }, (_, i) => (i === 4 ? '-' : ALPHABET[randomInt(ALPHABET.length)])).join('');
const recoveryCodes = Array.from({ length: 10 }, randomCode);
const recoveryFile = recoveryCodes.map((code, i) => `${i + 1}. ${code}\r\n`).join('');

let profile: string;
let portal: Awaited<ReturnType<typeof startPortal>>;
let session: ExtensionSession | null = null;
let ext: ExtensionPage;
let totpId: string;
let hotpId: string;

async function launch() {
  session = await launchWithExtension(undefined, { userDataDir: profile });
  ext = await openExtensionPage(session);
}

async function closeBrowser() {
  await session?.close();
  session = null;
}

beforeAll(async () => {
  profile = await mkdtemp(join(tmpdir(), 'b24a-profile-'));
  portal = await startPortal();
  await launch();
});

afterAll(async () => {
  await closeBrowser();
  await portal?.close();
  await rm(profile, { recursive: true, force: true });
});

describe('the vault in the running extension', () => {
  it('creates a vault, holds TOTP and HOTP accounts whose codes match oathtool', async () => {
    expect(await ext.send({ type: 'vault-status' })).toEqual({ ok: true, state: 'empty' });
    expect(await ext.send({ type: 'vault-create', password: PASSWORD })).toEqual({ ok: true });
    expect(await ext.send({ type: 'vault-status' })).toEqual({ ok: true, state: 'unlocked' });

    const host = new URL(portal.url).hostname;
    const totp = await ext.send({
      type: 'account-add',
      uri: `otpauth://totp/${host}%3Aalice?secret=${totpSecret.base32}&algorithm=SHA1&digits=6&issuer=${host}&period=30`,
      origins: [portal.url],
    });
    const hotp = await ext.send({
      type: 'account-add',
      uri: `otpauth://hotp/${host}%3Abob?secret=${hotpSecret.base32}&algorithm=SHA1&counter=0&digits=6&issuer=${host}`,
      origins: [portal.url],
    });
    if (!totp.ok || !hotp.ok) throw new Error(`account-add failed: ${JSON.stringify([totp, hotp])}`);
    totpId = totp.id;
    hotpId = hotp.id;

    const list = await ext.send({ type: 'accounts-list' });
    if (!list.ok) throw new Error(list.message);
    const shown = list.accounts.find((a) => a.id === totpId)!;
    expect(totpAround(totpSecret.base32, Date.now())).toContain(shown.code);
    expect(shown).toMatchObject({ type: 'totp', label: 'alice', origins: [portal.url] });
    expect(JSON.stringify(list)).not.toContain(totpSecret.base32);

    for (const counter of [0, 1, 2]) {
      expect(await ext.send({ type: 'hotp-next', id: hotpId })).toEqual({
        ok: true,
        counter,
        code: hotpAt(hotpSecret.base32, counter),
      });
    }
  });

  it("imports Bitrix's recovery_codes.txt, hands out one code and counts what is left", async () => {
    expect(await ext.send({ type: 'recovery-import', accountId: totpId, text: recoveryFile, replace: false })).toEqual({
      ok: true,
      imported: 10,
      rejected: [],
    });
    const again = await ext.send({ type: 'recovery-import', accountId: totpId, text: recoveryFile, replace: false });
    expect(again).toMatchObject({ ok: false, code: 'codes-exist' });

    const taken = await ext.send({ type: 'recovery-take', accountId: totpId });
    expect(taken).toMatchObject({ ok: true, remaining: 9, warn: false });
    expect(recoveryCodes).toContain((taken as { code: string }).code);
    const status = await ext.send({ type: 'recovery-status', accountId: totpId });
    expect(status).toMatchObject({ ok: true, total: 10, remaining: 9 });
  });

  it('stays unlocked when the service worker is stopped, with the auto-lock alarm set', async () => {
    const alarm = await session!.worker.evaluate(() => chrome.alarms.get('auto-lock'));
    expect(alarm!.scheduledTime - Date.now()).toBeGreaterThan(14 * 60_000);

    await session!.worker.evaluate(() => {
      (globalThis as { marker?: string }).marker = 'the first worker';
    });
    await session!.worker.close();
    expect(await ext.send({ type: 'vault-status' })).toEqual({ ok: true, state: 'unlocked' });
    const worker = await currentWorker(session!);
    expect(await worker.evaluate(() => (globalThis as { marker?: string }).marker ?? 'a new worker')).toBe(
      'a new worker',
    );
    expect(await ext.send({ type: 'accounts-list' })).toMatchObject({ ok: true });
  });

  it('locks when the auto-lock alarm fires', async () => {
    const worker = await currentWorker(session!);
    await worker.evaluate(() => chrome.alarms.create('auto-lock', { when: Date.now() + 200 }));
    await expect
      .poll(async () => (await ext.send({ type: 'vault-status' })) as unknown, { timeout: 10_000 })
      .toEqual({
        ok: true,
        state: 'locked',
      });
    expect(await ext.send({ type: 'accounts-list' })).toMatchObject({ ok: false, code: 'locked' });
  });

  it('refuses a wrong password and changes nothing; the right one unlocks', async () => {
    expect(await ext.send({ type: 'vault-unlock', password: 'not the password' })).toMatchObject({
      ok: false,
      code: 'wrong-password',
    });
    expect(await ext.send({ type: 'vault-status' })).toEqual({ ok: true, state: 'locked' });
    expect(await ext.send({ type: 'vault-unlock', password: PASSWORD })).toEqual({ ok: true });
    expect(await ext.send({ type: 'recovery-status', accountId: totpId })).toMatchObject({ ok: true, remaining: 9 });
    expect(await ext.send({ type: 'vault-lock' })).toEqual({ ok: true });
  });

  it('leaves no secret, recovery code or password anywhere in the browser profile on disk', async () => {
    // Positive control: markers the portal page stores in the clear must be found by the same scan.
    const page = await session!.browser.newPage();
    await page.goto(`${portal.url}/auth/`);
    await page.evaluate(async () => {
      localStorage.setItem('marker', 'LOCALSTORAGEMARKER1234567890');
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('marker-db', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('s');
        open.onsuccess = () => {
          const tx = open.result.transaction('s', 'readwrite');
          tx.objectStore('s').put('INDEXEDDBMARKER1234567890', 'k');
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      });
    });
    await closeBrowser();

    const needles = [
      ...needleForms('TOTP secret', totpSecret.base32, new Uint8Array(totpSecret.bytes)),
      ...needleForms('HOTP secret', hotpSecret.base32, new Uint8Array(hotpSecret.bytes)),
      ...recoveryCodes.flatMap((code, i) => needleForms(`recovery code ${i + 1}`, code)),
      ...needleForms('master password', PASSWORD),
    ];
    const controls = [
      ...needleForms('localStorage marker', 'LOCALSTORAGEMARKER1234567890'),
      ...needleForms('IndexedDB marker', 'INDEXEDDBMARKER1234567890'),
    ];
    const { found, files, bytes } = await findInFiles(profile, [...needles, ...controls]);
    expect(files).toBeGreaterThan(50);
    expect(bytes).toBeGreaterThan(100_000);
    const foundControls = new Set(found.filter((f) => f.what.includes('marker')).map((f) => f.what.split(' (')[0]));
    expect([...foundControls].sort()).toEqual(['IndexedDB marker', 'localStorage marker']);
    expect(found.filter((f) => !f.what.includes('marker'))).toEqual([]);
  });

  it('after a browser restart the vault is locked, and everything is still there', async () => {
    await launch();
    expect(await ext.send({ type: 'vault-status' })).toEqual({ ok: true, state: 'locked' });
    expect(await ext.send({ type: 'vault-unlock', password: PASSWORD })).toEqual({ ok: true });
    const list = await ext.send({ type: 'accounts-list' });
    expect(list.ok && list.accounts.map((a) => a.label).sort()).toEqual(['alice', 'bob']);
    expect(await ext.send({ type: 'hotp-next', id: hotpId })).toEqual({
      ok: true,
      counter: 3,
      code: hotpAt(hotpSecret.base32, 3),
    });
    expect(await ext.send({ type: 'recovery-status', accountId: totpId })).toMatchObject({ ok: true, remaining: 9 });
  });
});

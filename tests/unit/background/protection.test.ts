import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { MessageOf, MessageType, ReplyOf } from '@/lib/protocol';
import { backupMadeElsewhere } from '../backup/made-elsewhere';
import { mockTestKdfCost } from '../vault/helpers';

/**
 * The background's real dispatcher and vault handlers over WXT's fake browser, a fresh IndexedDB
 * and managed storage as an administrator's policy fills it: each test is one attack on the
 * protection (issue 14), with the control that shows the attack's path works.
 */

const PASSWORD = 'a long master password 2026';
const PORTAL = 'https://company.bitrix24.com';
const EVIL = 'https://evil.example';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/company%3Aalice?secret=${SECRET}&issuer=company`;
const page = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });

type Dispatch = typeof import('@/entrypoints/background/dispatch').dispatch;
let dispatch: Dispatch;

/** A fresh background (a new service worker) over the same browser storage and database. */
async function startBackground(): Promise<void> {
  vi.resetModules();
  ({ dispatch } = await import('@/entrypoints/background/dispatch'));
}

async function send<T extends MessageType>(message: MessageOf<T> | Record<string, unknown>): Promise<ReplyOf<T>> {
  // Chrome's messaging carries JSON: what the page sends is a copy.
  return (await dispatch(JSON.parse(JSON.stringify(message)), page())) as ReplyOf<T>;
}

async function ok<T extends MessageType>(message: MessageOf<T>): Promise<ReplyOf<T>> {
  const reply = await send<T>(message);
  if (!(reply as { ok: boolean }).ok) throw new Error(`${message.type}: ${JSON.stringify(reply)}`);
  return reply;
}

async function setPolicy(policy: Record<string, unknown>): Promise<void> {
  await fakeBrowser.storage.managed.clear();
  await fakeBrowser.storage.managed.set(policy);
  // The background re-reads the policy on storage.onChanged; a fresh one reads it at start.
  await startBackground();
}

beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  mockTestKdfCost();
  vi.spyOn(fakeBrowser.permissions, 'getAll').mockImplementation((async () => ({ origins: [] })) as never);
  vi.spyOn(fakeBrowser.idle, 'setDetectionInterval').mockImplementation(() => undefined);
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(() => '');
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
  // The content-script registration that follows a settings change, as a browser with none answers.
  vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockImplementation((async () => []) as never);
  vi.spyOn(fakeBrowser.contextMenus, 'removeAll').mockImplementation((async () => undefined) as never);
  vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation(() => 0);
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => {
      throw new TypeError('no network in unit tests');
    }),
  );
  await startBackground();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.doUnmock('@/lib/crypto/kdf-policy');
});

const labels = async () => {
  const list = await ok({ type: 'accounts-list' });
  return list.ok ? list.accounts.map((a) => `${a.label} ${a.origins.join(' ')}`).sort() : [];
};

describe('managed policy cannot be bypassed through the extension pages', () => {
  it('restrictToPortals: account-update cannot re-bind an account outside the portals', async () => {
    await setPolicy({ portals: [{ url: PORTAL }, { url: 'https://second.bitrix24.com' }], restrictToPortals: true });
    await ok({ type: 'vault-create', password: PASSWORD });
    const added = await ok({ type: 'account-add', uri: URI, origins: [PORTAL] });
    const id = added.ok ? added.id : '';
    const attack = await send({ type: 'account-update', id, patch: { origins: [EVIL] } });
    expect(attack).toMatchObject({ ok: false, code: 'outside-portals', params: [EVIL] });
    expect(await labels()).toEqual([`alice ${PORTAL}`]);
    // Control: the same message re-binds within the policy.
    expect(
      await send({ type: 'account-update', id, patch: { origins: ['https://second.bitrix24.com'] } }),
    ).toMatchObject({ ok: true, account: { origins: ['https://second.bitrix24.com'] } });
  });

  it('disableManualEntry: account-add claiming source "enrolment" is manual entry all the same', async () => {
    await setPolicy({ disableManualEntry: true });
    await ok({ type: 'vault-create', password: PASSWORD });
    const attack = await send({ type: 'account-add', uri: URI, origins: [PORTAL], source: 'enrolment' });
    expect(attack).toMatchObject({ ok: false, code: 'manual-entry-disabled' });
    expect(await labels()).toEqual([]);
    // Control: without the policy the very same message adds the account.
    await setPolicy({});
    expect(await send({ type: 'account-add', uri: URI, origins: [PORTAL], source: 'enrolment' })).toMatchObject({
      ok: true,
    });
  });

  it('disableManualEntry and restrictToPortals: backup-import of a backup made elsewhere changes nothing', async () => {
    await setPolicy({ portals: [{ url: PORTAL }], restrictToPortals: true, disableManualEntry: true });
    await ok({ type: 'vault-create', password: PASSWORD });
    await ok({ type: 'account-add-recovery', label: 'dan', origins: [PORTAL], codes: 'ab12-cd34' });
    const backup = await backupMadeElsewhere({
      secret: SECRET,
      origin: EVIL,
      password: 'backup password 1',
      settings: { autoLockMinutes: 1440 },
    });
    expect(await send({ type: 'backup-import', text: backup, password: 'backup password 1' })).toMatchObject({
      ok: false,
      code: 'manual-entry-disabled',
    });
    await setPolicy({ portals: [{ url: PORTAL }], restrictToPortals: true });
    expect(await send({ type: 'backup-import', text: backup, password: 'backup password 1' })).toMatchObject({
      ok: false,
      code: 'outside-portals',
    });
    expect(await labels()).toEqual([`dan ${PORTAL}`]);
    // Control: the backup itself restores where no policy stands in its way.
    await setPolicy({});
    expect(await send({ type: 'backup-import', text: backup, password: 'backup password 1' })).toMatchObject({
      ok: true,
      accounts: 1,
    });
    expect(await labels()).toEqual([`mallory ${EVIL}`]);
  });

  it('disableManualEntry and restrictToPortals: accounts-import is refused', async () => {
    await setPolicy({ disableManualEntry: true });
    await ok({ type: 'vault-create', password: PASSWORD });
    const data = Buffer.from(`${URI}\n`).toString('base64');
    expect(await send({ type: 'accounts-import', fileName: 'codes.txt', data })).toMatchObject({
      ok: false,
      code: 'manual-entry-disabled',
    });
    await setPolicy({ portals: [{ url: PORTAL }], restrictToPortals: true });
    expect(await send({ type: 'accounts-import', fileName: 'codes.txt', data })).toMatchObject({
      ok: false,
      code: 'enrolment-only',
    });
    expect(await labels()).toEqual([]);
    await setPolicy({});
    expect(await send({ type: 'accounts-import', fileName: 'codes.txt', data })).toMatchObject({
      ok: true,
      imported: 1,
    });
  });

  it('disableExport: recovery-status does not list the codes; one is still taken for a sign-in', async () => {
    await setPolicy({ disableExport: true });
    await ok({ type: 'vault-create', password: PASSWORD });
    const codes = ['ab12-cd34', 'ef56-gh78', 'ij90-kl12'];
    const added = await ok({ type: 'account-add-recovery', label: 'dan', origins: [PORTAL], codes: codes.join('\n') });
    const accountId = added.ok ? added.id : '';
    const status = await send({ type: 'recovery-status', accountId });
    expect(status).toMatchObject({ ok: true, total: 3, remaining: 3, codes: [], codesHidden: true });
    for (const code of codes) expect(JSON.stringify(status)).not.toContain(code);
    const taken = await send({ type: 'recovery-take', accountId });
    expect(taken).toMatchObject({ ok: true, code: codes[0], remaining: 2 });
    // Control: without the policy the list is there.
    await setPolicy({});
    expect(await send({ type: 'recovery-status', accountId })).toMatchObject({
      ok: true,
      codes: [{ code: codes[0], used: true }, { code: codes[1] }, { code: codes[2] }],
    });
  });
});

describe('a locked vault', () => {
  it('takes no settings change that weakens protection; stricter ones and the language go through', async () => {
    await ok({ type: 'vault-create', password: PASSWORD });
    await ok({ type: 'settings-set', patch: { lockOnIdle: true } });
    await ok({ type: 'vault-lock' });
    for (const patch of [
      { autoLockMinutes: 1440 },
      { autofillMode: 'load' },
      { autoSubmit: true },
      { clipboardClearSeconds: 0 },
      { clipboardClearSeconds: 600 },
      { lockOnIdle: false },
    ] as const) {
      const reply = await send({ type: 'settings-set', patch });
      expect(reply, JSON.stringify(patch)).toMatchObject({
        ok: false,
        code: 'unlock-to-weaken',
        params: Object.keys(patch),
      });
    }
    const after = await ok({ type: 'settings-get' });
    expect(after.ok && after.settings).toMatchObject({
      autoLockMinutes: 15,
      autofillMode: 'click',
      autoSubmit: false,
      clipboardClearSeconds: 30,
      lockOnIdle: true,
    });
    expect(await send({ type: 'settings-set', patch: { autoLockMinutes: 5, language: 'de' } })).toMatchObject({
      ok: true,
    });
    // Control: unlocked, the same changes are the user's to make.
    await ok({ type: 'vault-unlock', password: PASSWORD });
    expect(await send({ type: 'settings-set', patch: { autoLockMinutes: 1440, autoSubmit: true } })).toMatchObject({
      ok: true,
      settings: { autoLockMinutes: 1440, autoSubmit: true },
    });
  });

  it('slows down password guessing: after 5 wrong passwords the next attempt waits, across a worker restart', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_700_000_000_000);
    await ok({ type: 'vault-create', password: PASSWORD });
    await ok({ type: 'vault-lock' });
    for (let i = 0; i < 5; i++) {
      expect(await send({ type: 'vault-unlock', password: `guess ${i}` })).toMatchObject({
        ok: false,
        code: 'wrong-password',
      });
    }
    // The right password too: no attempt runs during the wait.
    expect(await send({ type: 'vault-unlock', password: PASSWORD })).toMatchObject({
      ok: false,
      code: 'unlock-throttled',
      params: ['30'],
    });
    // Nor through a password change, nor after the service worker was stopped and started again.
    expect(
      await send({ type: 'vault-change-password', password: PASSWORD, newPassword: 'another long password 1' }),
    ).toMatchObject({ ok: false, code: 'unlock-throttled' });
    await startBackground();
    vi.setSystemTime(1_700_000_010_000);
    expect(await send({ type: 'vault-unlock', password: PASSWORD })).toMatchObject({
      ok: false,
      code: 'unlock-throttled',
      params: ['20'],
    });
    // Once the wait is over an attempt runs; another wrong one doubles the wait.
    vi.setSystemTime(1_700_000_030_000);
    expect(await send({ type: 'vault-unlock', password: 'guess 5' })).toMatchObject({ code: 'wrong-password' });
    expect(await send({ type: 'vault-unlock', password: PASSWORD })).toMatchObject({
      code: 'unlock-throttled',
      params: ['60'],
    });
    vi.setSystemTime(1_700_000_090_000);
    expect(await send({ type: 'vault-unlock', password: PASSWORD })).toEqual({ ok: true });
    // The right password clears the count.
    await ok({ type: 'vault-lock' });
    expect(await send({ type: 'vault-unlock', password: 'guess 6' })).toMatchObject({ code: 'wrong-password' });
    expect(await send({ type: 'vault-unlock', password: PASSWORD })).toEqual({ ok: true });
  });

  it('guesses sent all at once wait for each other: only five are tried', async () => {
    await ok({ type: 'vault-create', password: PASSWORD });
    await ok({ type: 'vault-lock' });
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) => send({ type: 'vault-unlock', password: `guess ${i}` })),
    );
    const codes = replies.map((r) => (r as { code?: string }).code);
    expect(codes.filter((c) => c === 'wrong-password')).toHaveLength(5);
    expect(codes.filter((c) => c === 'unlock-throttled')).toHaveLength(7);
  });

  it('a wipe, which needs no password, starts the new vault with the free attempts', async () => {
    await ok({ type: 'vault-create', password: PASSWORD });
    await ok({ type: 'vault-lock' });
    for (let i = 0; i < 5; i++) await send({ type: 'vault-unlock', password: `guess ${i}` });
    expect(await send({ type: 'vault-unlock', password: PASSWORD })).toMatchObject({ code: 'unlock-throttled' });
    await ok({ type: 'vault-wipe' });
    await ok({ type: 'vault-create', password: PASSWORD });
    await ok({ type: 'vault-lock' });
    expect(await send({ type: 'vault-unlock', password: PASSWORD })).toEqual({ ok: true });
  });
});

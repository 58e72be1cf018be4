import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createVault } from '@/lib/vault';
import { PASSWORD, PORTAL, TEST_KDF, totpInput } from '../vault/helpers';

const T0 = Date.UTC(2030, 0, 1, 9, 0, 0);
const MINUTE = 60_000;
/** The default auto-lock time. */
const AUTO_LOCK = 15 * MINUTE;

const autoLockAt = async () => (await fakeBrowser.alarms.get('auto-lock'))?.scheduledTime;

/**
 * A fresh background (vault-keeper's db and session are module state) with the vault unlocked at
 * T0, one TOTP account bound to the portal, and a portal tab whose top frame asks for a code.
 */
async function unlockedBackground() {
  vi.resetModules();
  globalThis.indexedDB = new IDBFactory();
  const keeper = await import('@/entrypoints/background/vault-keeper');
  await createVault(await keeper.vaultDb(), PASSWORD, TEST_KDF);
  await keeper.unlock(PASSWORD);
  await (await keeper.requireSession()).addAccount(totpInput());
  const tab = await fakeBrowser.tabs.create({ url: `${PORTAL}/auth/` });
  await fakeBrowser.storage.session.set({ [`tab:${tab.id}:0`]: { frameId: 0, origin: PORTAL, state: 'otp' } });
  return { keeper, tabId: tab.id! };
}

/** Ten minutes on; the portal's clock is known, so nothing is fetched. */
async function tenMinutesLater() {
  vi.setSystemTime(T0 + 10 * MINUTE);
  await fakeBrowser.storage.session.set({ [`clock:${PORTAL}`]: { offset: 0, at: Date.now() } });
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  // Overloaded with callback forms, so the promise form is spelled out.
  vi.spyOn(fakeBrowser.permissions, 'getAll').mockImplementation((async () => ({
    origins: [],
  })) as typeof fakeBrowser.permissions.getAll);
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => key);
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async () => ({
    filled: true,
  })) as typeof fakeBrowser.tabs.sendMessage);
  vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new Error('no network in unit tests')));
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('auto-lock: filling and enrolling are uses of the vault', () => {
  it('a fill restarts the auto-lock countdown', async () => {
    const { tabId } = await unlockedBackground();
    expect(await autoLockAt()).toBe(T0 + AUTO_LOCK);
    await tenMinutesLater();

    const { fill } = await import('@/entrypoints/background/fill');
    expect(await fill({ tabId, frameId: 0, frameOrigin: PORTAL, kind: 'otp', via: 'button' })).toMatchObject({
      ok: true,
      filled: true,
    });
    expect(await autoLockAt()).toBe(T0 + 10 * MINUTE + AUTO_LOCK);
  });

  it('an enrolment restarts the auto-lock countdown', async () => {
    const { tabId } = await unlockedBackground();
    await tenMinutesLater();

    const { enrol } = await import('@/entrypoints/background/enrol');
    const result = await enrol(
      { tabId, frameId: 0, origin: PORTAL },
      { type: 'enrol-request', qr: [], keyText: 'KRUG S4ZA MFXG IIDU', codeInputs: 1, userName: 'bob' },
    );
    expect(result).toMatchObject({ ok: true, label: 'bob' });
    expect(await autoLockAt()).toBe(T0 + 10 * MINUTE + AUTO_LOCK);
  });

  it('a fill with the vault locked still answers "locked" and sets no alarm', async () => {
    const { keeper, tabId } = await unlockedBackground();
    await keeper.lock();
    const { fill } = await import('@/entrypoints/background/fill');
    expect(await fill({ tabId, frameId: 0, frameOrigin: PORTAL, kind: 'otp', via: 'load' })).toMatchObject({
      ok: false,
      code: 'locked',
    });
    expect(await autoLockAt()).toBeUndefined();
  });

  it('reading the session (as the toolbar icon does) leaves the countdown alone', async () => {
    const { keeper } = await unlockedBackground();
    await tenMinutesLater();
    expect(await keeper.currentSession()).not.toBeNull();
    expect(await keeper.vaultState()).toBe('unlocked');
    expect(await autoLockAt()).toBe(T0 + AUTO_LOCK);
  });
});

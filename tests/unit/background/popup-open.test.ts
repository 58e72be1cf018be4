// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VaultSession } from '@/lib/vault';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ReplyOf } from '@/lib/protocol';
import { realBackground } from '../components/real-background';
import { loadEnglish } from '../components/setup';

const KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

afterEach(() => vi.restoreAllMocks());

/** The vault session class of the background just started (it has its own module instances). */
const sessions = async () => (await import('@/lib/vault')).VaultSession.prototype;

/** Holds every account listing back until `release()`: a lock can come in while one is read. */
async function holdListing() {
  const prototype = await sessions();
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const list = prototype.listAccounts;
  const spy = vi.spyOn(prototype, 'listAccounts').mockImplementation(async function (this: VaultSession) {
    await held;
    return list.call(this);
  });
  return { release, spy };
}

const PORTAL = 'https://company.bitrix24.com';

/** A vault of 20 accounts and, last in the alphabet, one bound to the portal. */
async function portalLast() {
  loadEnglish();
  const background = await realBackground();
  await background.withAccounts(
    ...Array.from({ length: 20 }, (_, i) => ({ uri: `otpauth://totp/Acme:user${i}?secret=${KEY}` })),
    { uri: `otpauth://totp/Zulu:z?secret=${KEY}`, origins: [PORTAL] },
  );
  return background;
}

/** Where the background keeps the account index (entrypoints/background/vault-keeper). */
const INDEX = 'vault:account-index';
const savedIndex = async () => (await fakeBrowser.storage.session.get(INDEX))[INDEX];

/** The first screen's rows as the popup shows them: names and codes. */
const rows = (reply: ReplyOf<'popup-open'>) =>
  reply.ok && reply.accounts ? reply.accounts.first.map(({ issuer, label, code }) => [issuer, label, code]) : [];

const firstIssuers = (reply: ReplyOf<'popup-open'>) =>
  reply.ok && reply.accounts ? reply.accounts.first.map((a) => a.issuer) : [];

/** `type` answered by a vault of one account, its listing held back until after a lock, or none. */
async function whileListing(type: 'popup-open' | 'accounts-list', { lock }: { lock: boolean }) {
  loadEnglish();
  const background = await realBackground();
  await background.withAccounts({ uri: `otpauth://totp/Acme:alice?secret=${KEY}` });
  const { release, spy } = await holdListing();
  const reply = background.call({ type });
  await vi.waitFor(() => expect(spy).toHaveBeenCalled());
  if (lock) await background.lock();
  release();
  return reply;
}

describe('popup-open: the popup’s first screen', () => {
  it('puts the accounts of the active tab’s portal first, as the popup orders them', async () => {
    const background = await portalLast();
    const { id: windowId } = (await fakeBrowser.windows.create({ focused: true })) ?? {};
    await fakeBrowser.tabs.create({ url: `${PORTAL}/auth/`, active: true, windowId });
    const reply = await background.call({ type: 'popup-open' });
    expect(reply).toMatchObject({ ok: true, state: 'unlocked', accounts: { total: 21 } });
    expect(firstIssuers(reply)).toHaveLength(16);
    expect(firstIssuers(reply)[0]).toBe('Zulu');
  });

  it('where the tab’s address is not visible, goes by the portal its recognised top frame reported', async () => {
    const background = await portalLast();
    const tab = await fakeBrowser.tabs.create({});
    await fakeBrowser.storage.session.set({ [`tab:${tab.id}:0`]: { frameId: 0, origin: PORTAL, state: 'otp' } });
    expect(firstIssuers(await background.call({ type: 'popup-open', tabId: tab.id! }))[0]).toBe('Zulu');
    // Control: a tab of no portal leaves the list alphabetical.
    const other = await fakeBrowser.tabs.create({ url: 'https://example.com/' });
    expect(firstIssuers(await background.call({ type: 'popup-open', tabId: other.id! }))[0]).toBe('Acme');
  });

  it('says locked, with no codes, when the vault locks while the list is read', async () => {
    expect(await whileListing('popup-open', { lock: true })).toMatchObject({
      ok: true,
      state: 'locked',
      accounts: null,
    });
  });

  it('control: the same listing with no lock meanwhile gives the first screen', async () => {
    const answer = (await whileListing('popup-open', { lock: false })) as ReplyOf<'popup-open'>;
    expect(answer).toMatchObject({ ok: true, state: 'unlocked', accounts: { total: 1 } });
    expect(firstIssuers(answer)).toEqual(['Acme']);
  });

  it('a list that cannot be read still brings the settings and the policy, and the unlock screen', async () => {
    loadEnglish();
    const background = await realBackground();
    await background.withAccounts({ uri: `otpauth://totp/Acme:alice?secret=${KEY}` });
    await background.withSettings({ autoLockMinutes: 7 });
    vi.spyOn(await sessions(), 'listAccounts').mockRejectedValue(new Error('the record store failed'));
    expect(await background.call({ type: 'popup-open' })).toMatchObject({
      ok: true,
      state: 'locked',
      accounts: null,
      settings: { autoLockMinutes: 7 },
    });
  });

  it('a restarted worker orders the saved index and decrypts only the first screen’s accounts', async () => {
    const background = await portalLast();
    const { id: windowId } = (await fakeBrowser.windows.create({ focused: true })) ?? {};
    await fakeBrowser.tabs.create({ url: `${PORTAL}/auth/`, active: true, windowId });
    const before = await background.call({ type: 'popup-open' });
    await vi.waitFor(async () => expect(await savedIndex()).toBeDefined());
    await background.restart();
    const list = vi.spyOn(await sessions(), 'listAccounts');
    const after = await background.call({ type: 'popup-open' });
    expect(list).not.toHaveBeenCalled();
    expect(after).toMatchObject({ ok: true, state: 'unlocked', accounts: { total: 21, unreadable: [] } });
    expect(firstIssuers(after)[0]).toBe('Zulu');
    expect(rows(after)).toEqual(rows(before));
    // The whole list, asked for next, is read then.
    expect(await background.call({ type: 'accounts-list' })).toMatchObject({ ok: true });
    expect(list).toHaveBeenCalled();
  });

  it('control: with no index saved, the restarted worker reads the whole list, to the same first screen', async () => {
    const background = await portalLast();
    const before = await background.call({ type: 'popup-open' });
    await vi.waitFor(async () => expect(await savedIndex()).toBeDefined());
    await fakeBrowser.storage.session.remove(INDEX);
    await background.restart();
    const list = vi.spyOn(await sessions(), 'listAccounts');
    const after = await background.call({ type: 'popup-open' });
    expect(list).toHaveBeenCalled();
    expect(rows(after)).toEqual(rows(before));
  });

  it('a change since the index was saved drops it: the restarted worker lists the new account too', async () => {
    const background = await portalLast();
    await background.call({ type: 'popup-open' });
    await vi.waitFor(async () => expect(await savedIndex()).toBeDefined());
    const removed = vi.spyOn(fakeBrowser.storage.session, 'remove');
    const added = await background.call({
      type: 'account-add',
      uri: `otpauth://totp/Aaron:new?secret=${KEY}`,
      origins: [],
    });
    expect(added).toMatchObject({ ok: true });
    expect(removed).toHaveBeenCalledWith(INDEX);
    await background.restart();
    const after = await background.call({ type: 'popup-open' });
    expect(after).toMatchObject({ accounts: { total: 22 } });
    expect(firstIssuers(after)[0]).toBe('Aaron');
  });

  it('locking takes the index away with the key', async () => {
    const background = await portalLast();
    await background.call({ type: 'popup-open' });
    await vi.waitFor(async () => expect(await savedIndex()).toBeDefined());
    await background.lock();
    expect(await savedIndex()).toBeUndefined();
  });

  it('a list read that ends after a lock does not put the index back beside the gone key', async () => {
    await whileListing('accounts-list', { lock: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await savedIndex()).toBeUndefined();
  });

  it('control: the same read with no lock leaves the index', async () => {
    await whileListing('accounts-list', { lock: false });
    await vi.waitFor(async () => expect(await savedIndex()).toBeDefined());
  });

  it('accounts-list too refuses a list read across a lock', async () => {
    expect(await whileListing('accounts-list', { lock: true })).toMatchObject({ ok: false, code: 'locked' });
  });
});

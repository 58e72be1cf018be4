import { describe, expect, it } from 'vitest';
import { type AccountIndex, type IndexStore, openSession } from '../../../lib/vault';
import { readAccountIndex } from '../../../lib/vault/account-index';
import { newVault } from './helpers';

const KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** An index store that keeps what it is given, and notes each call. */
function memoryStore() {
  const calls: string[] = [];
  let saved: AccountIndex | null = null;
  const store: IndexStore & { calls: string[]; saved: () => AccountIndex | null } = {
    calls,
    saved: () => saved,
    async save(index) {
      calls.push('save');
      saved = structuredClone(index);
    },
    async drop() {
      calls.push('drop');
      saved = null;
    },
  };
  return store;
}

/** A vault of `labels` (issuer Acme), and a session over it that keeps its index in `store`. */
async function indexedVault(labels: string[], store = memoryStore()) {
  const vault = await newVault();
  const ids = await vault.session.addAccounts(labels.map((label) => ({ secret: KEY, issuer: 'Acme', label })));
  const session = await openSession(vault.db, vault.rawKey, { index: store });
  return { vault, session, store, ids };
}

/** Lets a save that was not waited for land. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the account index: names and portals for a restarted worker', () => {
  it('is saved from a full list, with the names and portals and no secret', async () => {
    const { session, store, vault } = await indexedVault(['alice', 'bob']);
    await session.listAccounts();
    await settled();
    const index = store.saved();
    expect(index?.entries.map((e) => e.label).sort()).toEqual(['alice', 'bob']);
    expect(index?.entries[0]).toEqual({
      id: expect.any(String),
      issuer: 'Acme',
      label: expect.any(String),
      origins: [],
    });
    expect(JSON.stringify(index)).not.toContain(KEY);
    // Bound to its vault: read back for this one, refused for any other.
    const vaultId = (await vault.db.get('meta', 'vault'))!.vaultId;
    expect(index?.vaultId).toBe(vaultId);
    expect(readAccountIndex(index, vaultId)).toEqual(index);
    expect(readAccountIndex(index, 'another-vault')).toBeNull();
  });

  it('is dropped before each write lands, and saved again by the next full list', async () => {
    const store = memoryStore();
    const { session, ids } = await indexedVault(['alice'], store);
    await session.listAccounts();
    await settled();
    let labelWhenDropped: string | null = null;
    const drop = store.drop;
    store.drop = async () => {
      labelWhenDropped = (await session.getAccount(ids[0]!)).label;
      await drop();
    };
    await session.updateAccount(ids[0]!, { label: 'alice.b' });
    expect(labelWhenDropped).toBe('alice');
    expect(store.saved()).toBeNull();
    await session.listAccounts();
    await settled();
    expect(store.saved()?.entries.map((e) => e.label)).toEqual(['alice.b']);
  });

  it('a list read while a write runs does not become the index', async () => {
    const store = memoryStore();
    const { session, ids } = await indexedVault(['alice'], store);
    const listing = session.listAccounts();
    const writing = session.updateAccount(ids[0]!, { label: 'alice.b' });
    await Promise.all([listing, writing]);
    await settled();
    expect(store.calls).toEqual(['drop']);
    expect(store.saved()).toBeNull();
  });

  it('nor does a list read that starts and ends inside a write', async () => {
    const store = memoryStore();
    const { session, ids } = await indexedVault(['alice'], store);
    // The write waits in its drop; a list read runs from start to end meanwhile.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const drop = store.drop;
    store.drop = async () => {
      await drop();
      await held;
    };
    const writing = session.updateAccount(ids[0]!, { label: 'alice.b' });
    expect((await session.listAccounts()).accounts.map((a) => a.label)).toEqual(['alice']);
    await settled();
    release();
    await writing;
    await settled();
    expect(store.calls).toEqual(['drop']);
    expect(store.saved()).toBeNull();
  });

  it('control: the same list with no write meanwhile is saved', async () => {
    const store = memoryStore();
    const { session } = await indexedVault(['alice'], store);
    await session.listAccounts();
    await settled();
    expect(store.calls).toEqual(['save']);
  });
});

describe('VaultSession.indexedAccounts: the first screen from the index', () => {
  it('decrypts the accounts picked, in the order picked, with the list’s length', async () => {
    const { session, store, vault } = await indexedVault(['alice', 'bob', 'carol']);
    await session.listAccounts();
    await settled();
    const fresh = await openSession(vault.db, vault.rawKey);
    expect(fresh.listed).toBe(false);
    const byLabel = (label: string) => store.saved()!.entries.find((e) => e.label === label)!.id;
    const shown = await fresh.indexedAccounts(store.saved(), () => [byLabel('carol'), byLabel('alice')]);
    expect(shown?.accounts.map((a) => [a.label, a.secret])).toEqual([
      ['carol', KEY],
      ['alice', KEY],
    ]);
    expect(shown).toMatchObject({ total: 3, unreadable: [] });
    // It read only those: the whole list is still to be read.
    expect(fresh.listed).toBe(false);
  });

  it('gives nothing for an index that is not this vault’s, is not an index, or is declined', async () => {
    const { session, store } = await indexedVault(['alice']);
    await session.listAccounts();
    await settled();
    const everyone = (entries: readonly { id: string }[]) => entries.map((e) => e.id);
    const other = await indexedVault(['mallory']);
    await other.session.listAccounts();
    await settled();
    expect(await session.indexedAccounts(other.store.saved(), everyone)).toBeNull();
    expect(await session.indexedAccounts({ vaultId: 'x', entries: 'all' }, everyone)).toBeNull();
    expect(await session.indexedAccounts(undefined, everyone)).toBeNull();
    expect(await session.indexedAccounts(store.saved(), () => null)).toBeNull();
    // Control: the session's own index, taken.
    expect((await session.indexedAccounts(store.saved(), everyone))?.accounts).toHaveLength(1);
  });

  it('gives nothing when a picked account is gone since the index was made', async () => {
    const { session, store, vault, ids } = await indexedVault(['alice', 'bob']);
    await session.listAccounts();
    await settled();
    const stale = store.saved();
    await session.deleteAccount(ids[0]!);
    const fresh = await openSession(vault.db, vault.rawKey);
    expect(await fresh.indexedAccounts(stale, (entries) => entries.map((e) => e.id))).toBeNull();
    // Control: picking only the one still there works from the same stale index.
    expect((await fresh.indexedAccounts(stale, () => [ids[1]!]))?.accounts.map((a) => a.label)).toEqual(['bob']);
  });
});

import { describe, expect, it } from 'vitest';
import { openSession } from '../../../lib/vault';
import { newVault } from './helpers';

const KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** Overwrites every stored account record's ciphertext behind the session's back. */
async function scrambleStoredRecords(vault: Awaited<ReturnType<typeof newVault>>) {
  const tx = vault.db.transaction('accounts', 'readwrite');
  for (const record of await tx.store.getAll())
    await tx.store.put({ ...record, data: new Uint8Array(record.data.length) });
  await tx.done;
}

describe('the session keeps the decrypted account list until it writes', () => {
  it('lists from memory: records changed behind its back are not read again', async () => {
    const vault = await newVault();
    await vault.session.addAccount({ secret: KEY, issuer: 'Acme', label: 'alice' });
    expect((await vault.session.listAccounts()).accounts.map((a) => a.label)).toEqual(['alice']);
    await scrambleStoredRecords(vault);
    // The control: a new session over the same database reads the records, and finds them unreadable.
    const fresh = await openSession(vault.db, vault.rawKey);
    expect((await fresh.listAccounts()).unreadable).toHaveLength(1);
    expect((await vault.session.listAccounts()).accounts.map((a) => a.label)).toEqual(['alice']);
  });

  it('reads again after each of its own writes', async () => {
    const vault = await newVault();
    const id = await vault.session.addAccount({
      secret: KEY,
      issuer: 'Acme',
      label: 'alice',
      type: 'hotp',
      counter: 0,
    });
    expect((await vault.session.listAccounts()).accounts[0]).toMatchObject({ label: 'alice', counter: 0 });
    await vault.session.nextHotpCode(id);
    expect((await vault.session.listAccounts()).accounts[0]).toMatchObject({ counter: 1 });
    await vault.session.updateAccount(id, { label: 'alice.b' });
    expect((await vault.session.listAccounts()).accounts[0]).toMatchObject({ label: 'alice.b' });
    await vault.session.addAccounts([{ secret: KEY, issuer: 'Beta', label: 'bob' }]);
    expect((await vault.session.listAccounts()).accounts.map((a) => a.label).sort()).toEqual(['alice.b', 'bob']);
    await vault.session.deleteAccount(id);
    expect((await vault.session.listAccounts()).accounts.map((a) => a.label)).toEqual(['bob']);
  });

  it('hands out arrays of its own and accounts no caller can change', async () => {
    const vault = await newVault();
    await vault.session.addAccount({
      secret: KEY,
      issuer: 'Acme',
      label: 'alice',
      origins: ['https://a.bitrix24.com'],
    });
    const first = await vault.session.listAccounts();
    first.accounts.pop();
    const [account] = (await vault.session.listAccounts()).accounts;
    expect(account).toMatchObject({ label: 'alice' });
    expect(() => {
      (account as { label: string }).label = 'mallory';
    }).toThrow(TypeError);
    expect(() => (account!.origins as string[]).push('https://evil.example')).toThrow(TypeError);
  });
});

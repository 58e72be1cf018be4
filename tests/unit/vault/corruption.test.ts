import { describe, expect, it } from 'vitest';
import type { SealedRecord } from '../../../lib/vault';
import { dump, errorCode, hotpInput, newVault, totpInput, type TestVault } from './helpers';

async function threeAccounts(vault: TestVault): Promise<[string, string, string]> {
  const a = await vault.session.addAccount(totpInput('a'));
  const b = await vault.session.addAccount(hotpInput(3, 'b'));
  const c = await vault.session.addAccount(totpInput('c'));
  for (const id of [a, b, c]) await vault.session.setRecoveryCodes(id, ['ab12-cd34', 'ef56-gh78']);
  return [a, b, c];
}

async function record(vault: TestVault, store: 'accounts' | 'recovery', id: string): Promise<SealedRecord> {
  const value = await vault.db.get(store, id);
  if (value === undefined) throw new Error(`no ${store} record ${id}`);
  return value;
}

function flipped(bytes: Uint8Array, index: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[index % copy.length] = (copy[index % copy.length] ?? 0) ^ 0x01;
  return copy;
}

describe('a damaged record', () => {
  it('flipping any byte: that id is reported, the others load, and nothing overwrites it', async () => {
    const vault = await newVault();
    const [a, b, c] = await threeAccounts(vault);
    const original = await record(vault, 'accounts', b);
    for (const index of [0, 7, original.data.length - 1]) {
      await vault.db.put('accounts', { ...original, data: flipped(original.data, index) });
      const { accounts, unreadable } = await vault.session.listAccounts();
      expect(unreadable).toEqual([b]);
      expect(accounts.map((x) => x.id).sort()).toEqual([a, c].sort());
    }
    await vault.db.put('accounts', { ...original, iv: flipped(original.iv, 3) });
    expect((await vault.session.listAccounts()).unreadable).toEqual([b]);

    const before = await dump(vault.db);
    expect(await errorCode(vault.session.getAccount(b))).toBe('unreadable');
    expect(await errorCode(vault.session.updateAccount(b, { label: 'fixed?' }))).toBe('unreadable');
    expect(await errorCode(vault.session.nextHotpCode(b))).toBe('unreadable');
    expect(
      await errorCode(
        vault.session.exportBackup('backup pw', {
          allowWeakKdfForTesting: true,
          kdf: { memoryKiB: 64, iterations: 1 },
        }),
      ),
    ).toBe('unreadable');
    expect(await dump(vault.db)).toEqual(before);
  });

  it('the error names the record and says what to do', async () => {
    const vault = await newVault();
    const [, b] = await threeAccounts(vault);
    const original = await record(vault, 'accounts', b);
    await vault.db.put('accounts', { ...original, data: flipped(original.data, 1) });
    const error = await vault.session.getAccount(b).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unreadable', ids: [b] });
    expect((error as Error).message).toMatch(/delete it or restore a backup/);
  });

  it('the user can still delete it', async () => {
    const vault = await newVault();
    const [a, b, c] = await threeAccounts(vault);
    const original = await record(vault, 'accounts', b);
    await vault.db.put('accounts', { ...original, data: flipped(original.data, 1) });
    expect(await vault.session.deleteAccount(b)).toBe(true);
    expect(await vault.session.listAccounts()).toMatchObject({ unreadable: [] });
    expect((await vault.session.listAccounts()).accounts.map((x) => x.id).sort()).toEqual([a, c].sort());
  });

  it("swapping two records' ciphertexts makes both fail", async () => {
    const vault = await newVault();
    const [a, b, c] = await threeAccounts(vault);
    const [ra, rb] = [await record(vault, 'accounts', a), await record(vault, 'accounts', b)];
    await vault.db.put('accounts', { ...ra, iv: rb.iv, data: rb.data });
    await vault.db.put('accounts', { ...rb, iv: ra.iv, data: ra.data });
    const { accounts, unreadable } = await vault.session.listAccounts();
    expect(unreadable.sort()).toEqual([a, b].sort());
    expect(accounts.map((x) => x.id)).toEqual([c]);
  });

  it('a record copied into another id fails there (the copy is not a second account)', async () => {
    const vault = await newVault();
    const [a] = await threeAccounts(vault);
    await vault.db.put('accounts', { ...(await record(vault, 'accounts', a)), id: 'copy' });
    expect((await vault.session.listAccounts()).unreadable).toEqual(['copy']);
  });

  it('an account record copied into the recovery store fails to decrypt', async () => {
    const vault = await newVault();
    const [a] = await threeAccounts(vault);
    const before = await dump(vault.db);
    await vault.db.put('recovery', await record(vault, 'accounts', a));
    expect(await errorCode(vault.session.recoveryStatus(a))).toBe('unreadable');
    expect(await errorCode(vault.session.takeRecoveryCode(a))).toBe('unreadable');
    expect(await errorCode(vault.session.setRecoveryCodes(a, ['zz99-yy88'], { replace: true }))).toBe('unreadable');
    const after = await dump(vault.db);
    expect(after.recovery.find(([key]) => key === a)?.[1]).toEqual(before.accounts.find(([key]) => key === a)?.[1]);
  });

  it('a recovery record copied into the accounts store fails to decrypt', async () => {
    const vault = await newVault();
    const [a] = await threeAccounts(vault);
    await vault.db.put('accounts', await record(vault, 'recovery', a));
    expect((await vault.session.listAccounts()).unreadable).toEqual([a]);
  });

  it('rolling the revision number back or forward fails (it is bound as associated data)', async () => {
    const vault = await newVault();
    const [a] = await threeAccounts(vault);
    const original = await record(vault, 'accounts', a);
    await vault.db.put('accounts', { ...original, rev: original.rev + 1 });
    expect((await vault.session.listAccounts()).unreadable).toEqual([a]);
  });

  it('a record from another vault, even under the same id, fails', async () => {
    const one = await newVault();
    const two = await newVault();
    const id = await one.session.addAccount(totpInput());
    await two.db.put('accounts', await record(one, 'accounts', id));
    expect((await two.session.listAccounts()).unreadable).toEqual([id]);
  });

  it('a record mangled beyond shape is reported by its key', async () => {
    const vault = await newVault();
    const [a] = await threeAccounts(vault);
    await vault.db.put('accounts', { id: a, rev: 'x', iv: 'nope', data: 42 } as unknown as SealedRecord);
    expect((await vault.session.listAccounts()).unreadable).toEqual([a]);
  });

  it('exporting with skipUnreadable leaves the damaged items (and their codes) out', async () => {
    const vault = await newVault();
    const [a, b, c] = await threeAccounts(vault);
    const original = await record(vault, 'accounts', b);
    await vault.db.put('accounts', { ...original, data: flipped(original.data, 2) });
    const error = await vault.session
      .exportBackup('backup pw', { allowWeakKdfForTesting: true, kdf: { memoryKiB: 64, iterations: 1 } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unreadable', ids: [b] });

    const text = await vault.session.exportBackup('backup pw', {
      allowWeakKdfForTesting: true,
      kdf: { memoryKiB: 64, iterations: 1 },
      skipUnreadable: true,
    });
    const restored = await newVault();
    expect(await restored.session.importBackup(text, 'backup pw')).toEqual({ accounts: 2, recoveryCodeSets: 2 });
    expect((await restored.session.listAccounts()).accounts.map((x) => x.id).sort()).toEqual([a, c].sort());
  });
});

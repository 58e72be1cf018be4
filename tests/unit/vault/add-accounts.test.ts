import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccountError } from '../../../lib/account';
import { dump, errorCode, hotpInput, newVault, totpInput } from './helpers';

const tenInputs = () =>
  Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? totpInput(`user${i}`) : hotpInput(i, `user${i}`)));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('addAccounts', () => {
  it('stores every account and returns their ids in input order', async () => {
    const { session } = await newVault();
    const inputs = tenInputs();
    const ids = await session.addAccounts(inputs);
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
    for (const [i, id] of ids.entries()) {
      expect(await session.getAccount(id)).toMatchObject({ id, label: inputs[i]!.label });
    }
    expect(await session.addAccounts([])).toEqual([]);
  });

  it('stores nothing when the 5th of 10 fails validation', async () => {
    const { db, session } = await newVault();
    await session.addAccount(totpInput('already-there'));
    const before = await dump(db);
    const inputs = tenInputs();
    inputs[4] = { ...inputs[4]!, secret: 'not base32!' };
    await expect(session.addAccounts(inputs)).rejects.toBeInstanceOf(AccountError);
    expect(await dump(db)).toEqual(before);
  });

  it('stores nothing when the 5th write fails inside the transaction', async () => {
    const { db, session } = await newVault();
    const before = await dump(db);
    // The 5th record gets the 4th's id: its add fails with a ConstraintError, as a full disk would fail it.
    const ids = Array.from({ length: 10 }, (_, i) => `00000000-0000-4000-8000-00000000000${i === 4 ? 3 : i}`);
    let next = 0;
    vi.spyOn(crypto, 'randomUUID').mockImplementation(() => ids[next++] as ReturnType<Crypto['randomUUID']>);
    await expect(session.addAccounts(tenInputs())).rejects.toMatchObject({ name: 'ConstraintError' });
    expect(await dump(db)).toEqual(before);
  });

  it('refuses a vault replaced since the session opened, writing nothing', async () => {
    const { db, session } = await newVault();
    const { wipeVault } = await import('../../../lib/vault');
    await wipeVault(db);
    const before = await dump(db);
    expect(await errorCode(session.addAccounts(tenInputs()))).toBe('wrong-key');
    expect(await dump(db)).toEqual(before);
  });
});

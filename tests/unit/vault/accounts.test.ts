import { describe, expect, it } from 'vitest';
import { AccountError } from '../../../lib/account';
import { PORTAL, dump, errorCode, hotpInput, newVault, totpInput } from './helpers';

describe('accounts', () => {
  it('add, list, get, update, delete', async () => {
    const { session } = await newVault();
    const a = await session.addAccount(totpInput('alice'));
    const b = await session.addAccount(hotpInput(5, 'bob'));
    expect(a).not.toBe(b);

    const { accounts, unreadable } = await session.listAccounts();
    expect(unreadable).toEqual([]);
    expect(accounts.map((x) => x.label).sort()).toEqual(['alice', 'bob']);
    expect(await session.getAccount(b)).toMatchObject({
      id: b,
      type: 'hotp',
      counter: 5,
      origins: ['https://intranet.example.com'],
    });

    const updated = await session.updateAccount(a, {
      label: 'alice.smith',
      origins: [PORTAL, 'https://other.bitrix24.eu'],
    });
    expect(updated).toMatchObject({ id: a, label: 'alice.smith', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' });
    expect(await session.getAccount(a)).toEqual(updated);

    expect(await session.deleteAccount(a)).toBe(true);
    expect(await session.deleteAccount(a)).toBe(false);
    expect((await session.listAccounts()).accounts.map((x) => x.id)).toEqual([b]);
    expect(await errorCode(session.getAccount(a))).toBe('account-not-found');
    expect(await errorCode(session.updateAccount(a, { label: 'x' }))).toBe('account-not-found');
  });

  it('validates through createAccount on add and on update, writing nothing when invalid', async () => {
    const { db, session } = await newVault();
    const id = await session.addAccount(totpInput());
    const before = await dump(db);
    await expect(session.addAccount({ ...totpInput(), secret: 'not base32!' })).rejects.toBeInstanceOf(AccountError);
    await expect(session.updateAccount(id, { digits: 12 })).rejects.toBeInstanceOf(AccountError);
    expect(await dump(db)).toEqual(before);
  });

  it('ignores an id passed in and an undefined field in a patch', async () => {
    const { session } = await newVault();
    const id = await session.addAccount({ ...totpInput(), id: 'chosen-by-caller' });
    expect(id).not.toBe('chosen-by-caller');
    const updated = await session.updateAccount(id, { label: undefined, issuer: 'new.bitrix24.com' });
    expect(updated).toMatchObject({ label: 'alice@company.com', issuer: 'new.bitrix24.com' });
  });

  it('deleting an account deletes its recovery codes', async () => {
    const { db, session } = await newVault();
    const id = await session.addAccount(totpInput());
    await session.setRecoveryCodes(id, ['ab12-cd34']);
    await session.deleteAccount(id);
    expect((await dump(db)).recovery).toEqual([]);
    expect(await session.recoveryStatus(id)).toMatchObject({ total: 0, remaining: 0 });
  });
});

describe('what is stored', () => {
  it('is encrypted: no secret, label or origin appears in any stored byte', async () => {
    const { db, session } = await newVault();
    const id = await session.addAccount(totpInput());
    await session.setRecoveryCodes(id, ['ab12-cd34']);
    const bytes = JSON.stringify(await dump(db), (_key, value: unknown) =>
      value instanceof Uint8Array ? new TextDecoder('latin1').decode(value) : value,
    );
    for (const secret of ['JBSWY3DPEHPK3PXP', 'alice@company.com', 'company.bitrix24', 'ab12-cd34']) {
      expect(bytes).not.toContain(secret);
    }
    const records = (await dump(db)).accounts;
    expect(records).toHaveLength(1);
    expect(records[0]?.[1]).toMatchObject({ id, rev: 1 });
  });

  it('every write uses a fresh 96-bit IV and bumps the revision', async () => {
    const { db, session } = await newVault();
    const id = await session.addAccount(hotpInput());
    const first = await db.get('accounts', id);
    await session.nextHotpCode(id);
    const second = await db.get('accounts', id);
    expect(first?.iv.length).toBe(12);
    expect(second?.iv).not.toEqual(first?.iv);
    expect(second?.rev).toBe((first?.rev ?? 0) + 1);
  });
});

import { describe, expect, it } from 'vitest';
import { openSession, openVaultDb } from '../../../lib/vault';
import { TEN_CODES, dump, errorCode, newVault, totpInput } from './helpers';

describe('recovery codes in the vault', () => {
  it('saved codes start unused, in order; the status lists them', async () => {
    let now = 1_700_000_000_000;
    const { session } = await newVault({ clock: () => now });
    const id = await session.addAccount(totpInput());
    const status = await session.setRecoveryCodes(id, ['AB12-CD34', 'ef56 gh78', 'ab12-cd34']);
    expect(status).toEqual({
      total: 2,
      remaining: 2,
      warn: true,
      codes: [
        { code: 'ab12-cd34', used: false },
        { code: 'ef56-gh78', used: false },
      ],
    });
    now += 1000;
    expect(await session.takeRecoveryCode(id)).toEqual({ code: 'ab12-cd34', remaining: 1, warn: true });
    expect((await session.recoveryStatus(id)).codes[0]).toEqual({ code: 'ab12-cd34', used: true, usedAt: now });
  });

  it('warns at 3 or fewer remaining by default, and at a chosen threshold', async () => {
    const { session, db, rawKey } = await newVault();
    const id = await session.addAccount(totpInput());
    await session.setRecoveryCodes(id, TEN_CODES);
    const warns: boolean[] = [];
    for (let i = 0; i < 10; i++) warns.push((await session.takeRecoveryCode(id)).warn);
    // remaining after each take: 9..0; warn from 3 down.
    expect(warns).toEqual([false, false, false, false, false, false, true, true, true, true]);

    const strict = await openSession(db, rawKey, { recoveryWarnAt: 5 });
    await strict.setRecoveryCodes(id, TEN_CODES.slice(0, 6), { replace: true });
    expect((await strict.recoveryStatus(id)).warn).toBe(false);
    expect((await strict.takeRecoveryCode(id)).warn).toBe(true);
  });

  it('with no codes saved: zeros, no warning; taking says there are none', async () => {
    const { session } = await newVault();
    const id = await session.addAccount(totpInput());
    expect(await session.recoveryStatus(id)).toEqual({ total: 0, remaining: 0, warn: false, codes: [] });
    expect(await errorCode(session.takeRecoveryCode(id))).toBe('no-recovery-codes');
  });

  it('when all are used, taking says none are left and changes nothing', async () => {
    const { db, session } = await newVault();
    const id = await session.addAccount(totpInput());
    await session.setRecoveryCodes(id, ['ab12-cd34']);
    await session.takeRecoveryCode(id);
    const before = await dump(db);
    expect(await errorCode(session.takeRecoveryCode(id))).toBe('no-codes-left');
    expect(await dump(db)).toEqual(before);
  });

  it('replacing needs replace: true (codes-exist otherwise); replacing resets to the new list', async () => {
    const { db, session } = await newVault();
    const id = await session.addAccount(totpInput());
    await session.setRecoveryCodes(id, TEN_CODES);
    await session.takeRecoveryCode(id);
    const before = await dump(db);
    const error = await session.setRecoveryCodes(id, ['zz99-yy88']).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'codes-exist', ids: [id] });
    expect(await dump(db)).toEqual(before);

    const replaced = await session.setRecoveryCodes(id, ['zz99-yy88', 'xx77-ww66'], { replace: true });
    expect(replaced).toMatchObject({ total: 2, remaining: 2 });
    expect((await session.takeRecoveryCode(id)).code).toBe('zz99-yy88');
  });

  it('a used code can be marked unused again, in any spelling', async () => {
    const { session } = await newVault();
    const id = await session.addAccount(totpInput());
    await session.setRecoveryCodes(id, TEN_CODES);
    const { code } = await session.takeRecoveryCode(id);
    const status = await session.markRecoveryCodeUnused(id, code.toUpperCase());
    expect(status).toMatchObject({ total: 10, remaining: 10 });
    expect(status.codes[0]).toEqual({ code, used: false });
    // Put back first, so it comes out first again.
    expect((await session.takeRecoveryCode(id)).code).toBe(code);
    // Marking an unused code unused is a no-op.
    expect((await session.markRecoveryCodeUnused(id, TEN_CODES[5] ?? '')).remaining).toBe(9);
    expect(await errorCode(session.markRecoveryCodeUnused(id, 'zzzz-zzzz'))).toBe('code-not-found');
    expect(await errorCode(session.markRecoveryCodeUnused(id, 'not a code'))).toBe('invalid-code');
  });

  it('refuses invalid, empty and oversized lists, and unknown accounts', async () => {
    const { db, session } = await newVault();
    const id = await session.addAccount(totpInput());
    const before = await dump(db);
    expect(await errorCode(session.setRecoveryCodes(id, ['ab12-cd34', 'nope']))).toBe('invalid-code');
    expect(await errorCode(session.setRecoveryCodes(id, []))).toBe('no-codes');
    const many = Array.from({ length: 101 }, (_, i) => `a${String(i).padStart(3, '0')}-bbbb`);
    expect(await errorCode(session.setRecoveryCodes(id, many))).toBe('too-many-codes');
    expect(await errorCode(session.setRecoveryCodes('missing', ['ab12-cd34']))).toBe('account-not-found');
    expect(await dump(db)).toEqual(before);
  });

  it('20 concurrent takes of 10 codes: 10 distinct codes handed out, 10 refusals', async () => {
    const { session } = await newVault();
    const id = await session.addAccount(totpInput());
    await session.setRecoveryCodes(id, TEN_CODES);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => session.takeRecoveryCode(id)));
    const codes = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.code] : []));
    expect(new Set(codes).size).toBe(10);
    expect(codes.sort()).toEqual([...TEN_CODES].sort());
    const refusals = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code: string }).code] : []));
    expect(refusals).toEqual(Array(10).fill('no-codes-left'));
    expect(await session.recoveryStatus(id)).toMatchObject({ remaining: 0, warn: true });
  });

  it('concurrent takes from two connections never share a code', async () => {
    const { factory, rawKey, session } = await newVault();
    const id = await session.addAccount(totpInput());
    await session.setRecoveryCodes(id, TEN_CODES);
    const other = await openSession(await openVaultDb(factory), rawKey);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? other : session).takeRecoveryCode(id)),
    );
    expect(new Set(results.map((r) => r.code)).size).toBe(10);
  });

  it('codes can be deleted on their own', async () => {
    const { session } = await newVault();
    const id = await session.addAccount(totpInput());
    await session.setRecoveryCodes(id, TEN_CODES);
    expect(await session.deleteRecoveryCodes(id)).toBe(true);
    expect(await session.deleteRecoveryCodes(id)).toBe(false);
    expect((await session.recoveryStatus(id)).total).toBe(0);
    await session.setRecoveryCodes(id, ['ab12-cd34']);
  });
});

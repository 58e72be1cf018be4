import { describe, expect, it } from 'vitest';
import { openSession, openVaultDb } from '../../../lib/vault';
import { codeAt } from '../../../lib/otp';
import { RFC_4226_CODES, errorCode, hotpInput, newVault, totpInput } from './helpers';

describe('HOTP counters', () => {
  it('hands out RFC 4226 codes in counter order and stores counter + 1', async () => {
    const { session } = await newVault();
    const id = await session.addAccount(hotpInput(0));
    for (let counter = 0; counter < RFC_4226_CODES.length; counter++) {
      expect(await session.nextHotpCode(id)).toEqual({ code: RFC_4226_CODES[counter], counter });
    }
    expect((await session.getAccount(id)).counter).toBe(10);
  });

  it('50 concurrent requests get 50 distinct counters; the stored counter ends right', async () => {
    const { session } = await newVault();
    const id = await session.addAccount(hotpInput(7));
    const account = await session.getAccount(id);
    const results = await Promise.all(Array.from({ length: 50 }, () => session.nextHotpCode(id)));
    const counters = results.map((r) => r.counter).sort((a, b) => a - b);
    expect(counters).toEqual(Array.from({ length: 50 }, (_, i) => 7 + i));
    for (const { code, counter } of results) expect(code).toBe(codeAt(account, counter));
    expect((await session.getAccount(id)).counter).toBe(57);
  });

  it('two connections (say, popup and service worker) racing never share a counter', async () => {
    const { factory, rawKey, session } = await newVault();
    const id = await session.addAccount(hotpInput(0));
    const otherDb = await openVaultDb(factory);
    const other = await openSession(otherDb, rawKey);
    const calls = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? session : other).nextHotpCode(id));
    const counters = (await Promise.all(calls)).map((r) => r.counter).sort((a, b) => a - b);
    expect(counters).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect((await session.getAccount(id)).counter).toBe(40);
  });

  it('concurrent edits and code requests do not lose either', async () => {
    const { session } = await newVault();
    const id = await session.addAccount(hotpInput(0));
    await Promise.all([
      ...Array.from({ length: 10 }, () => session.nextHotpCode(id)),
      session.updateAccount(id, { label: 'renamed' }),
      ...Array.from({ length: 10 }, () => session.nextHotpCode(id)),
    ]);
    expect(await session.getAccount(id)).toMatchObject({ label: 'renamed', counter: 20 });
  });

  it('refuses time-based and missing accounts', async () => {
    const { session } = await newVault();
    const totp = await session.addAccount(totpInput());
    expect(await errorCode(session.nextHotpCode(totp))).toBe('not-hotp');
    expect(await errorCode(session.nextHotpCode('missing'))).toBe('account-not-found');
    expect((await session.getAccount(totp)).counter).toBe(0);
  });
});

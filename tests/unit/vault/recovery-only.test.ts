import { describe, expect, it } from 'vitest';
import { createAccount, duplicateKey, AccountError } from '../../../lib/account';
import { codeAt, CodeError } from '../../../lib/otp';
import { PORTAL, TEN_CODES, newVault } from './helpers';

/** A login on a push two-factor portal: no secret, only recovery codes (lib/account/types.ts). */
const recoveryInput = (label = 'dan') => ({ type: 'recovery', secret: '', label, origins: [PORTAL] });

describe('accounts of recovery codes only', () => {
  it('need a login and a portal, and hold no secret and no code', () => {
    const account = createAccount(recoveryInput(' dan '));
    expect(account).toMatchObject({
      type: 'recovery',
      secret: '',
      label: 'dan',
      issuer: 'company.bitrix24.com',
      origins: [PORTAL],
    });
    expect(() => createAccount({ ...recoveryInput(), label: ' ' })).toThrow(AccountError);
    expect(() => createAccount({ ...recoveryInput(), origins: [] })).toThrow(
      expect.objectContaining({ code: 'recovery-needs-portal' }),
    );
    // A secret given anyway is not kept.
    expect(createAccount({ ...recoveryInput(), secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }).secret).toBe('');
    expect(() => codeAt(account, Date.now())).toThrow(CodeError);
  });

  it('are told apart by login and portal, not by their (absent) secret', () => {
    const dan = createAccount(recoveryInput('dan'));
    expect(duplicateKey(dan)).toBe(duplicateKey(createAccount(recoveryInput('DAN'))));
    expect(duplicateKey(dan)).not.toBe(duplicateKey(createAccount(recoveryInput('eve'))));
    expect(duplicateKey(dan)).not.toBe(duplicateKey({ ...dan, origins: ['https://other.bitrix24.com'] }));
  });

  it('are stored, renamed, keep their codes, and come back from a backup as they were', async () => {
    const vault = await newVault();
    const id = await vault.session.addAccount(recoveryInput());
    await vault.session.setRecoveryCodes(id, TEN_CODES);
    expect((await vault.session.takeRecoveryCode(id)).code).toBe(TEN_CODES[0]);
    expect(await vault.session.updateAccount(id, { label: 'dan.d' })).toMatchObject({
      type: 'recovery',
      label: 'dan.d',
      secret: '',
    });
    const text = await vault.session.exportBackup('backup password', {
      kdf: { memoryKiB: 64, iterations: 1, parallelism: 1 },
      allowWeakKdfForTesting: true,
    });

    const other = await newVault();
    await other.session.importBackup(text, 'backup password');
    const { accounts } = await other.session.listAccounts();
    expect(accounts).toEqual([expect.objectContaining({ id, type: 'recovery', label: 'dan.d', secret: '' })]);
    expect(await other.session.recoveryStatus(id)).toMatchObject({ remaining: 9 });
  });
});

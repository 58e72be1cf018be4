import { describe, expect, it } from 'vitest';
import { encryptBackup } from '../../../lib/backup';
import type { Policy } from '../../../lib/policy';
import { createVault, openSession, openVaultDb } from '../../../lib/vault';
import { IDBFactory } from 'fake-indexeddb';
import { dump, errorCode, PASSWORD, PORTAL, TEN_CODES, TEST_KDF, totpInput } from './helpers';

const OTHER = 'https://evil.example';
const BACKUP_PASSWORD = 'backup password 1';

/** A vault whose session reads `policy.current` at every write, as the background's does. */
async function vaultUnder(initial: Policy) {
  const policy = { current: initial };
  const db = await openVaultDb(new IDBFactory());
  const rawKey = await createVault(db, PASSWORD, TEST_KDF);
  const session = await openSession(db, rawKey, { policy: async () => policy.current });
  return { db, session, policy };
}

/** A backup "made elsewhere": written with the public format by whoever knows its password. */
function backupWith(accounts: { id: string; origins: string[]; type?: 'totp' | 'recovery' }[]) {
  return encryptBackup(
    {
      accounts: accounts.map(({ id, origins, type = 'totp' }) => ({
        id,
        type,
        secret: type === 'recovery' ? '' : 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
        algorithm: 'SHA1' as const,
        digits: 6,
        period: 30,
        counter: 0,
        issuer: 'x',
        label: id,
        origins,
      })),
      recoveryCodes: [],
      settings: {},
      exportedAt: 0,
    },
    BACKUP_PASSWORD,
    TEST_KDF,
  );
}

const portals = [{ origin: PORTAL, name: 'Company' }];

describe('the vault enforces the policy where accounts enter it, by every path', () => {
  it('restrictToPortals: an account cannot be re-bound outside the portals; within them it can', async () => {
    const { db, session } = await vaultUnder({ restrictToPortals: true, portals });
    const id = await session.addAccount(totpInput());
    const before = await dump(db);
    expect(await errorCode(session.updateAccount(id, { origins: [OTHER] }))).toBe('outside-portals');
    expect(await errorCode(session.updateAccount(id, { origins: [] }))).toBe('portal-required');
    expect(await dump(db)).toEqual(before);
    // Positive control: the same path changes what the policy allows.
    expect((await session.updateAccount(id, { label: 'renamed', origins: [PORTAL] })).label).toBe('renamed');
  });

  it('a policy that arrives while the vault is open applies to the next write', async () => {
    const { session, policy } = await vaultUnder({});
    const id = await session.addAccount(totpInput());
    expect((await session.updateAccount(id, { origins: [OTHER] })).origins).toEqual([OTHER]);
    policy.current = { restrictToPortals: true, portals };
    expect(await errorCode(session.updateAccount(id, { origins: [OTHER, 'https://b.example'] }))).toBe(
      'outside-portals',
    );
    // An account stored before the policy can still be renamed or have its counter set.
    expect((await session.updateAccount(id, { label: 'still here' })).label).toBe('still here');
  });

  it('restrictToPortals: restoring a backup whose accounts are bound elsewhere changes nothing', async () => {
    const { db, session } = await vaultUnder({ restrictToPortals: true, portals });
    await session.addAccount(totpInput('kept'));
    const before = await dump(db);
    const foreign = await backupWith([
      { id: 'a', origins: [PORTAL] },
      { id: 'b', origins: [OTHER] },
    ]);
    expect(await errorCode(session.importBackup(foreign, BACKUP_PASSWORD))).toBe('outside-portals');
    expect(await dump(db)).toEqual(before);
    // Positive control: a backup within the portals restores.
    const own = await backupWith([{ id: 'a', origins: [PORTAL] }]);
    expect(await session.importBackup(own, BACKUP_PASSWORD)).toEqual({ accounts: 1, recoveryCodeSets: 0 });
  });

  it('disableManualEntry: restoring a backup with secrets changes nothing; one of recovery-only logins restores', async () => {
    const { db, session } = await vaultUnder({ disableManualEntry: true });
    const before = await dump(db);
    const withSecret = await backupWith([{ id: 'a', origins: [PORTAL] }]);
    expect(await errorCode(session.importBackup(withSecret, BACKUP_PASSWORD))).toBe('manual-entry-disabled');
    expect(await dump(db)).toEqual(before);
    const codesOnly = await backupWith([{ id: 'a', origins: [PORTAL], type: 'recovery' }]);
    expect(await session.importBackup(codesOnly, BACKUP_PASSWORD)).toMatchObject({ accounts: 1 });
  });

  it('disableManualEntry: an added account or an import with a secret is refused; enrolment adds it', async () => {
    const { db, session } = await vaultUnder({ disableManualEntry: true, restrictToPortals: true, portals });
    const before = await dump(db);
    expect(await errorCode(session.addAccount(totpInput()))).toBe('manual-entry-disabled');
    expect(await errorCode(session.addAccounts([totpInput('a'), totpInput('b')]))).toBe('manual-entry-disabled');
    expect(await dump(db)).toEqual(before);
    // The background's enrolment path, bound to the portal the page was on.
    const id = await session.addEnrolledAccount(totpInput());
    expect((await session.getAccount(id)).origins).toEqual([PORTAL]);
    expect(await errorCode(session.addEnrolledAccount({ ...totpInput('x'), origins: [OTHER] }))).toBe(
      'outside-portals',
    );
    // A recovery-only login has no secret: allowed, on the company's portal only.
    const codesOnly = await session.addAccount({ type: 'recovery', secret: '', label: 'dan', origins: [PORTAL] });
    await session.setRecoveryCodes(codesOnly, TEN_CODES);
    expect(await errorCode(session.addAccount({ type: 'recovery', secret: '', label: 'eve', origins: [OTHER] }))).toBe(
      'outside-portals',
    );
  });

  it('restrictToPortals: an import, bound to no portal, is refused as a whole', async () => {
    const { db, session } = await vaultUnder({ restrictToPortals: true, portals });
    const before = await dump(db);
    expect(await errorCode(session.addAccounts([totpInput('a'), { ...totpInput('b'), origins: [] }]))).toBe(
      'enrolment-only',
    );
    expect(await dump(db)).toEqual(before);
    expect(await session.addAccounts([totpInput('a')])).toHaveLength(1);
  });

  it('a new secret through an update counts as manual entry', async () => {
    const { session, policy } = await vaultUnder({});
    const id = await session.addAccount(totpInput());
    policy.current = { disableManualEntry: true };
    expect(await errorCode(session.updateAccount(id, { secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' }))).toBe(
      'manual-entry-disabled',
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  accountChangeProblem,
  shownRecoveryStatus,
  vaultEntriesProblem,
  vaultEntryProblem,
  type Policy,
  type VaultEntrySource,
} from '@/lib/policy';

const PORTAL = 'https://intranet.example.com';
const OTHER = 'https://evil.example';
const portals = [{ origin: PORTAL, name: 'Intranet' }];

const totp = (origins: string[] = [PORTAL]) => ({ type: 'totp' as const, origins, secret: 'JBSWY3DPEHPK3PXP' });
const recovery = (origins: string[] = [PORTAL]) => ({ type: 'recovery' as const, origins, secret: '' });

const SOURCES: VaultEntrySource[] = ['manual', 'enrolment', 'import', 'restore', 'edit'];
const code = (source: VaultEntrySource, account: ReturnType<typeof totp>, policy: Policy) =>
  vaultEntryProblem(source, account, policy)?.code ?? null;

describe('may this account enter the vault this way, under this policy', () => {
  it('without a policy, anything valid enters by any path', () => {
    for (const source of SOURCES) {
      expect(code(source, totp([OTHER]), {})).toBeNull();
      expect(code(source, totp([]), {})).toBeNull();
    }
  });

  it('disableManualEntry: a secret enters only through enrolment (an edit adds none)', () => {
    const policy: Policy = { disableManualEntry: true };
    expect(code('manual', totp(), policy)).toBe('manual-entry-disabled');
    expect(code('import', totp(), policy)).toBe('manual-entry-disabled');
    // A backup may be written by anyone who knows its password: its secrets are entered by hand.
    expect(code('restore', totp(), policy)).toBe('manual-entry-disabled');
    expect(code('enrolment', totp(), policy)).toBeNull();
    expect(code('edit', totp(), policy)).toBeNull();
  });

  it('disableManualEntry: a recovery-only login carries no secret and is not refused for it', () => {
    for (const source of SOURCES)
      expect(vaultEntryProblem(source, recovery(), { disableManualEntry: true })).toBeNull();
  });

  it('restrictToPortals: every path, enrolment and edits included, binds only to the portals, and to one at least', () => {
    const policy: Policy = { restrictToPortals: true, portals };
    for (const source of SOURCES) {
      expect(code(source, totp([PORTAL]), policy), source).toBeNull();
      expect(code(source, totp([PORTAL, OTHER]), policy), source).toBe('outside-portals');
      expect(vaultEntryProblem(source, recovery([OTHER]), policy), source).toMatchObject({
        code: 'outside-portals',
        params: [OTHER],
      });
    }
    expect(code('manual', totp([]), policy)).toBe('portal-required');
    expect(code('restore', totp([]), policy)).toBe('portal-required');
    expect(code('edit', totp([]), policy)).toBe('portal-required');
    // Other apps' exports bind to no portal: only enrolment can bind them.
    expect(code('import', totp([]), policy)).toBe('enrolment-only');
  });

  it('both: the secret rule speaks first, then the portals', () => {
    const policy: Policy = { restrictToPortals: true, disableManualEntry: true, portals };
    expect(code('manual', totp([OTHER]), policy)).toBe('manual-entry-disabled');
    expect(code('enrolment', totp([OTHER]), policy)).toBe('outside-portals');
    expect(code('enrolment', totp([PORTAL]), policy)).toBeNull();
  });

  it('several accounts at once: the first refusal refuses them all', () => {
    const policy: Policy = { restrictToPortals: true, portals };
    expect(vaultEntriesProblem('restore', [totp(), totp([OTHER]), totp()], policy)).toMatchObject({
      code: 'outside-portals',
      params: [OTHER],
    });
    expect(vaultEntriesProblem('restore', [totp(), recovery()], policy)).toBeNull();
    expect(vaultEntriesProblem('import', [], policy)).toBeNull();
  });
});

describe('may this change to an account in the vault be made', () => {
  const policy: Policy = { restrictToPortals: true, disableManualEntry: true, portals };

  it('re-binding to a portal outside the list is refused; within it, allowed', () => {
    expect(accountChangeProblem(totp(), totp([OTHER]), policy)).toMatchObject({ code: 'outside-portals' });
    expect(accountChangeProblem(totp(), totp([PORTAL, OTHER]), policy)).toMatchObject({ code: 'outside-portals' });
    expect(accountChangeProblem(totp(), totp([]), policy)).toMatchObject({ code: 'portal-required' });
    const two: Policy = { ...policy, portals: [...portals, { origin: 'https://b.example.com', name: 'B' }] };
    expect(accountChangeProblem(totp(), totp(['https://b.example.com']), two)).toBeNull();
  });

  it('a change of name or counter is left alone, even for an account stored before the policy', () => {
    expect(accountChangeProblem(totp([OTHER]), totp([OTHER]), policy)).toBeNull();
    expect(accountChangeProblem(totp([PORTAL, OTHER]), totp([OTHER, PORTAL]), policy)).toBeNull();
  });

  it('a new secret counts as a secret entered by hand', () => {
    expect(accountChangeProblem(totp(), { ...totp(), secret: 'GEZDGNBVGY3TQOJQ' }, policy)).toMatchObject({
      code: 'manual-entry-disabled',
    });
    expect(accountChangeProblem(recovery(), totp(), policy)).toMatchObject({ code: 'manual-entry-disabled' });
  });
});

describe('recovery codes shown to a page', () => {
  const status = {
    total: 2,
    remaining: 1,
    warn: true,
    codes: [
      { code: 'ab12-cd34', used: true, usedAt: 1 },
      { code: 'ef56-gh78', used: false },
    ],
  };

  it('with disableExport, the counts but not one code of the list', () => {
    const shown = shownRecoveryStatus(status, { disableExport: true });
    expect(shown).toEqual({ total: 2, remaining: 1, warn: true, codes: [], codesHidden: true });
    expect(JSON.stringify(shown)).not.toMatch(/ab12|ef56/);
  });

  it('otherwise, the list as it is', () => {
    expect(shownRecoveryStatus(status, {})).toEqual(status);
    expect(shownRecoveryStatus(status, { disableExport: false })).toEqual(status);
  });
});

import { browser } from 'wxt/browser';
import { createAccount, webOrigin } from '@/lib/account';
import { orderAccounts } from '@/lib/account/order';
import { fromBase64 } from '@/lib/crypto';
import { ImportError, importAccounts } from '@/lib/import';
import { type AccountSummary, FIRST_SCREEN_ROWS, type FirstScreen } from '@/lib/protocol';
import type { PolicySummary } from '@/lib/policy/summary';
import { currentCode, formatOtpauthUri, parseOtpauthUri } from '@/lib/otp';
import { parseRecoveryCodes } from '@/lib/recovery';
import { exportAegisVault, exportMigrationUris, exportOtpauthList } from '@/lib/export';
import { changePassword, setSettings, VaultError, type StoredAccount, type VaultSession } from '@/lib/vault';
import { isPortalUrl } from '@/lib/bitrix';
import { PolicyError, settingsPatchProblem, shownRecoveryStatus, type Policy } from '@/lib/policy';
import { weakenedSettings } from '@/lib/settings-weakening';
import { backupStatus, forgetBackups, snoozeBackupReminder, verifyBackup, writeBackup } from './backups';
import { currentPolicy } from './policy-source';
import { tabStates } from './tab-states';
import { type BackgroundHandlers, grantedOrigins } from './senders';
import * as keeper from './vault-keeper';

/** What an extension page may see of an account: the code, never the secret. */
function summarize(account: StoredAccount, now = Date.now()): AccountSummary {
  const { code, expiresAt } =
    account.type === 'totp' ? currentCode(account, () => now) : { code: null, expiresAt: null };
  const { id, type, issuer, label, origins, digits, period } = account;
  const summary: AccountSummary = { id, type, issuer, label, origins, digits, period, code, expiresAt };
  if (account.type === 'hotp') summary.counter = account.counter;
  return summary;
}

/**
 * The portal of the tab the popup acts on (the one named, else the active tab of the current
 * window), as the popup works it out: the tab's address, or where the extension may not see it,
 * the origin its recognised top frame reported.
 */
async function tabOrigin(tabId: number | undefined): Promise<string | null> {
  try {
    const [tab] =
      tabId === undefined
        ? await browser.tabs.query({ active: true, currentWindow: true })
        : [await browser.tabs.get(tabId)];
    if (tab?.id === undefined) return null;
    return webOrigin(tab.url) ?? (await tabStates(tab.id))[0]?.origin ?? null;
  } catch {
    // A tab closed meanwhile: no portal to put first.
    return null;
  }
}

/** The popup's first screen: these accounts' rows, with codes. */
function screenOf(first: readonly StoredAccount[], total: number, unreadable: string[]): FirstScreen {
  const now = Date.now();
  return { first: first.map((account) => summarize(account, now)), total, unreadable };
}

/**
 * The start of the popup's list, in its order, with codes; and how long the whole list is. A worker
 * started afresh has no list in memory: for a list longer than one screen it orders the saved index
 * and decrypts only the rows shown.
 */
async function firstScreen(session: VaultSession, tabId: number | undefined): Promise<FirstScreen> {
  const origin = tabOrigin(tabId);
  if (!session.listed) {
    const [saved, portal] = await Promise.all([keeper.savedAccountIndex(), origin]);
    const indexed = await session.indexedAccounts(saved, (entries) =>
      entries.length > FIRST_SCREEN_ROWS
        ? orderAccounts(entries, portal)
            .slice(0, FIRST_SCREEN_ROWS)
            .map(({ id }) => id)
        : null,
    );
    // The popup asks for the whole list once it has drawn these.
    if (indexed) return screenOf(indexed.accounts, indexed.total, indexed.unreadable);
  }
  const [{ accounts, unreadable }, portal] = await Promise.all([session.listAccounts(), origin]);
  return screenOf(orderAccounts(accounts, portal).slice(0, FIRST_SCREEN_ROWS), accounts.length, unreadable);
}

const today = () => new Date().toISOString().slice(0, 10);

/** The recovery codes in pasted text or `recovery_codes.txt`, and the lines that are not codes; none at all is an error. */
function recoveryCodesIn(text: string) {
  const { codes, rejected } = parseRecoveryCodes(text);
  if (codes.length === 0) {
    throw new VaultError('no-codes', 'No recovery codes found. Bitrix24 recovery codes look like ab12-cd34.');
  }
  return { codes, rejected: rejected.map(({ input, reason, code }) => ({ input, reason, code })) };
}

function forbidExport(policy: Policy): void {
  if (policy.disableExport)
    throw new PolicyError('export-disabled', 'Your organization does not allow exporting accounts or recovery codes.');
}

async function policySummary(): Promise<PolicySummary> {
  const { policy, invalid } = await currentPolicy();
  const granted = await grantedOrigins();
  const max = policy.autoLockMinutes ?? null;
  return {
    managed: Object.keys(policy).length > 0 || invalid.length > 0,
    autoLockMaxMinutes: max,
    disableExport: policy.disableExport === true,
    disableManualEntry: policy.disableManualEntry === true,
    restrictToPortals: policy.restrictToPortals === true,
    portals: (policy.portals ?? []).map(({ origin, name }) => ({
      origin,
      name,
      granted: isPortalUrl(new URL(origin), granted),
    })),
    passwordRules: {
      minLength: policy.minPasswordLength ?? null,
      pattern: policy.passwordPattern ?? null,
      hint: policy.passwordPatternHint ?? null,
    },
    supportUrl: policy.supportUrl ?? null,
    invalid,
  };
}

/** Vault operations for the extension's own pages; the dispatcher has already checked the sender. */
export const vaultHandlers = {
  'popup-open': async ({ tabId }) => {
    // The unlocked vault is the common case: its first screen is started before anything else.
    const [accounts, { settings, locked }, policy] = await Promise.all([
      // Whatever keeps the list from being read (the vault locked meanwhile, a record store that
      // fails) leaves the unlock screen, with the settings and the policy still as they are.
      keeper
        .sessionForUse()
        .then(async (session) => {
          const screen = session && (await firstScreen(session, tabId));
          return screen && (await keeper.stillOpen(session)) ? screen : null;
        })
        .catch(() => null),
      keeper.effectiveSettings(),
      policySummary(),
    ]);
    const state = accounts ? 'unlocked' : await keeper.lockedOrEmpty();
    return { ok: true, state, settings, locked, policy, accounts };
  },
  'vault-status': async () => ({ ok: true, state: await keeper.vaultState() }),
  'vault-create': async ({ password }) => {
    await keeper.create(password);
    return { ok: true };
  },
  'vault-unlock': async ({ password }) => {
    await keeper.unlock(password);
    return { ok: true };
  },
  'vault-lock': async () => {
    await keeper.lock();
    return { ok: true };
  },
  'vault-wipe': async () => {
    await keeper.wipe();
    await forgetBackups();
    return { ok: true };
  },
  'vault-change-password': async ({ password, newPassword }) => {
    await keeper.checkPasswordRules(newPassword);
    const db = await keeper.vaultDb();
    // A password check like an unlock, behind the same backoff: no way around it to guess.
    const rawKey = await keeper.checkMasterPassword(password);
    try {
      await changePassword(db, rawKey, newPassword);
    } finally {
      rawKey.fill(0);
    }
    return { ok: true };
  },

  'accounts-list': async () => {
    const session = await keeper.requireSession();
    const { accounts, unreadable } = await session.listAccounts();
    if (!(await keeper.stillOpen(session))) throw keeper.lockedMeanwhile();
    const now = Date.now();
    return { ok: true, accounts: accounts.map((account) => summarize(account, now)), unreadable };
  },
  // Every account entering the vault is checked against the policy by the vault itself
  // (lib/policy/vault-entry): here a manual entry, whatever the message says.
  'account-add': async ({ uri, origins }) => {
    const account = createAccount({ ...parseOtpauthUri(uri), origins });
    return { ok: true, id: await (await keeper.requireSession()).addAccount(account) };
  },
  'account-add-recovery': async ({ label, origins, codes: text }) => {
    const account = createAccount({ type: 'recovery', secret: '', label, origins });
    const { codes, rejected } = recoveryCodesIn(text);
    // No secret enters the vault here, so disableManualEntry does not apply; the portal list does.
    const session = await keeper.requireSession();
    const id = await session.addAccount(account);
    try {
      await session.setRecoveryCodes(id, codes);
    } catch (error) {
      await session.deleteAccount(id);
      throw error;
    }
    return { ok: true, id, imported: codes.length, rejected };
  },
  'account-delete': async ({ id }) => {
    if (!(await (await keeper.requireSession()).deleteAccount(id))) {
      throw new VaultError('account-not-found', 'This account is no longer in the vault.');
    }
    return { ok: true };
  },
  'account-qr': async ({ id, password }) => {
    forbidExport((await currentPolicy()).policy);
    const session = await keeper.requireSession();
    // The link carries the secret: the master password again, behind the unlock backoff.
    (await keeper.checkMasterPassword(password)).fill(0);
    const { id: _id, ...account } = await session.getAccount(id);
    if (account.type === 'recovery') {
      return {
        ok: false,
        code: 'recovery-only',
        message: 'This account keeps only recovery codes; it has no one-time codes.',
      };
    }
    return { ok: true, uri: formatOtpauthUri(account) };
  },
  'hotp-next': async ({ id }) => ({ ok: true, ...(await (await keeper.requireSession()).nextHotpCode(id)) }),
  'account-update': async ({ id, patch }) => {
    const { label, issuer, origins } = patch;
    const account = await (await keeper.requireSession()).updateAccount(id, { label, issuer, origins });
    return { ok: true, account: summarize(account) };
  },
  'hotp-resync': async ({ id, counter }) => {
    const session = await keeper.requireSession();
    if ((await session.getAccount(id)).type !== 'hotp') {
      throw new VaultError('not-hotp', 'This account uses time-based codes; there is no counter to set.', [id]);
    }
    return { ok: true, counter: (await session.updateAccount(id, { counter })).counter };
  },

  'accounts-import': async ({ fileName, data, password }) => {
    const session = await keeper.requireSession();
    const existing = (await session.listAccounts()).accounts;
    const bytes = fromBase64(data);
    if (!bytes) throw new ImportError('corrupt', 'The file could not be read. Choose it again.');
    const { format, accounts, report } = await importAccounts(fileName, bytes, { password, existing });
    // The vault refuses what the policy does not let in (a secret, an account bound to no portal).
    await session.addAccounts(accounts);
    return {
      ok: true,
      format,
      imported: report.imported,
      duplicates: report.duplicates,
      rejected: report.rejected.map(({ entry, reason, code }) => ({ entry, reason, code })),
    };
  },

  'accounts-export': async ({ format, password }) => {
    forbidExport((await currentPolicy()).policy);
    const { accounts } = await (await keeper.requireSession()).listAccounts();
    const plain = accounts.filter((a) => a.type !== 'recovery').map(({ id: _id, ...account }) => account);
    // Phone apps take secrets; an account of recovery codes only has none (its codes go in a backup).
    const noSecret = accounts
      .filter((a) => a.type === 'recovery')
      .map(({ label }) => ({
        label,
        code: 'recovery-only',
        reason: 'This account keeps only recovery codes; it has no one-time codes.',
      }));
    if (format === 'google-migration') {
      const { uris, skipped } = exportMigrationUris(plain);
      const reported = skipped.map(({ account, reason, code }) => ({ label: account.label, reason, code }));
      return { ok: true, fileName: '', text: null, uris, skipped: [...reported, ...noSecret] };
    }
    const text = format === 'aegis' ? await exportAegisVault(plain, { password }) : exportOtpauthList(plain);
    const fileName = `bitrix24-authenticator-${format === 'aegis' ? 'aegis.json' : 'otpauth.txt'}`;
    return { ok: true, fileName, text, uris: [], skipped: noSecret };
  },
  'settings-get': async () => {
    const { settings, locked } = await keeper.effectiveSettings();
    return { ok: true, settings, locked, policy: await policySummary() };
  },
  'settings-set': async ({ patch }) => {
    const effective = await keeper.effectiveSettings();
    const problem = settingsPatchProblem(patch, effective);
    if (problem) throw PolicyError.of(problem);
    // Stricter is always allowed; looser only by whoever can open the vault.
    const weaker = weakenedSettings(patch, effective.settings);
    if (weaker.length > 0 && (await keeper.vaultState()) === 'locked') {
      throw new VaultError(
        'unlock-to-weaken',
        'Unlock the vault to change this: it would leave the vault less protected.',
        [],
        weaker,
      );
    }
    await setSettings(await keeper.vaultDb(), patch);
    const { settings, locked } = await keeper.effectiveSettings();
    return { ok: true, settings, locked, policy: await policySummary() };
  },

  'recovery-import': async ({ accountId, text, replace }) => {
    const session = await keeper.requireSession();
    await session.getAccount(accountId);
    const { codes, rejected } = recoveryCodesIn(text);
    await session.setRecoveryCodes(accountId, codes, { replace });
    return { ok: true, imported: codes.length, rejected };
  },
  'recovery-status': async ({ accountId }) => {
    const status = await (await keeper.requireSession()).recoveryStatus(accountId);
    return { ok: true, ...shownRecoveryStatus(status, (await currentPolicy()).policy) };
  },
  'recovery-take': async ({ accountId }) => ({
    ok: true,
    ...(await (await keeper.requireSession()).takeRecoveryCode(accountId)),
  }),
  'recovery-mark-unused': async ({ accountId, code }) => {
    await (await keeper.requireSession()).markRecoveryCodeUnused(accountId, code);
    return { ok: true };
  },

  'backup-export': async ({ password }) => {
    forbidExport((await currentPolicy()).policy);
    const { text } = await writeBackup(password);
    return { ok: true, text, fileName: `bitrix24-authenticator-backup-${today()}.json` };
  },
  'backup-verify': ({ text, password }) => verifyBackup(text, password),
  'backup-status': () => backupStatus(),
  'backup-reminder-snooze': async () => {
    await snoozeBackupReminder();
    return { ok: true };
  },
  'backup-import': async ({ text, password }) => {
    const restored = await (await keeper.requireSession()).importBackup(text, password);
    return { ok: true, accounts: restored.accounts, recoveryCodes: restored.recoveryCodeSets };
  },
} satisfies Partial<BackgroundHandlers>;

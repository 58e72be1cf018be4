import type { AccountInput } from '../account';
import { importAesKey } from '../crypto';
import { systemClock, type Clock } from '../otp';
import type { Policy } from '../policy';
import { DEFAULT_WARN_AT, type RecoveryStatus } from '../recovery';
import { type AccountIndex, type IndexEntry, type IndexStore, indexOf, readAccountIndex } from './account-index';
import type { StoredAccount } from './account-record';
import * as accounts from './accounts';
import type { AccountList, AccountPatch, HotpCode } from './accounts';
import type { SessionContext } from './context';
import { checkKey } from './lifecycle';
import * as recovery from './recovery-codes';
import type { SetRecoveryCodesOptions, TakenRecoveryCode } from './recovery-codes';
import type { VaultDb } from './schema';
import * as settings from './settings';
import type { Settings } from './settings-types';
import * as backup from './vault-backup';
import type { ExportBackupOptions, RestoreSummary } from './vault-backup';

export interface SessionOptions {
  /** Unix ms; stamps when codes were imported and used. */
  clock?: Clock;
  /** Recovery codes warn at this many remaining or fewer (default 3). */
  recoveryWarnAt?: number;
  /**
   * The administrator's policy as it stands at each write (default: none). Every account entering
   * the vault, by any path, is checked against it (lib/policy/vault-entry).
   */
  policy?: () => Promise<Policy>;
  /** Where the account index goes (default: nowhere): see lib/vault/account-index. */
  index?: IndexStore;
}

/** The start of the list as the saved index orders it, decrypted; and how long the whole list is. */
export interface IndexedAccounts {
  accounts: StoredAccount[];
  total: number;
  unreadable: string[];
}

const NO_POLICY = async (): Promise<Policy> => ({});

/**
 * Operations on an unlocked vault from its raw data key (as kept in storage.session). Checks that
 * the key belongs to this vault, then holds it only as a non-extractable `CryptoKey`.
 * Throws `wrong-key` for a stale key (the vault was wiped or re-created since).
 */
export async function openSession(
  db: VaultDb,
  rawKey: Uint8Array,
  options: SessionOptions = {},
): Promise<VaultSession> {
  const meta = await checkKey(db, rawKey);
  return new VaultSession({
    db,
    vaultId: meta.vaultId,
    key: await importAesKey(rawKey),
    clock: options.clock ?? systemClock,
    warnAt: options.recoveryWarnAt ?? DEFAULT_WARN_AT,
    policy: options.policy ?? NO_POLICY,
    index: options.index ?? null,
  });
}

/**
 * An unlocked vault. Every method re-checks, inside its write, that the vault was not replaced.
 *
 * The account list is decrypted once and kept while the session lives (in memory only, as the
 * key is), so filling and the popup cost the same with 1,000 accounts as with ten; every write
 * through this session drops it. The session is the vault's only writer.
 */
export class VaultSession {
  readonly #ctx: SessionContext;
  readonly #index: IndexStore | null;
  #accounts: Promise<AccountList> | null = null;
  /** The list `#accounts` resolved to, once it has. */
  #read: AccountList | null = null;
  /** Bumped as each write starts and ends: a list read across one must not become the index. */
  #writes = 0;
  /** Writes under way: a list read that starts inside one may predate it, and is not the index either. */
  #writing = 0;

  constructor({ index, ...ctx }: SessionContext & { index?: IndexStore | null }) {
    this.#ctx = ctx;
    this.#index = index ?? null;
  }

  /** The accounts, decrypted; callers get their own arrays, over frozen account objects. */
  async listAccounts(): Promise<AccountList> {
    this.#accounts ??= this.#readAll();
    const pending = this.#accounts;
    try {
      const list = await pending;
      if (this.#accounts === pending) this.#read = list;
      return { accounts: [...list.accounts], unreadable: [...list.unreadable] };
    } catch (error) {
      if (this.#accounts === pending) this.#accounts = null;
      throw error;
    }
  }

  async #readAll(): Promise<AccountList> {
    const writes = this.#writes;
    const quiet = this.#writing === 0;
    const list = frozen(await accounts.listAccounts(this.#ctx));
    if (this.#index && quiet && writes === this.#writes) {
      // Not waited for: the index only saves later work, and the next full list writes it again.
      this.#index.save(indexOf(this.#ctx.vaultId, list)).catch(() => undefined);
    }
    return list;
  }

  /** Whether the whole list is in memory: then it answers faster than any index. */
  get listed(): boolean {
    return this.#read !== null;
  }

  /**
   * The accounts `pick` chooses from the `saved` index (in its order), decrypted alone. Null when
   * `saved` is not this vault's index, `pick` declines (null), or a chosen account is gone or
   * unreadable: list them all.
   */
  async indexedAccounts(
    saved: unknown,
    pick: (entries: readonly IndexEntry[]) => string[] | null,
  ): Promise<IndexedAccounts | null> {
    const index: AccountIndex | null = readAccountIndex(saved, this.#ctx.vaultId);
    const ids = index && pick(index.entries);
    if (!index || !ids) return null;
    const chosen = await accounts.someAccounts(this.#ctx, ids);
    return chosen && { accounts: chosen, total: index.entries.length, unreadable: index.unreadable };
  }

  /**
   * Runs a write; the list read before or during it is stale after it, and so is the index, which
   * goes first: a worker stopped halfway finds none rather than one that predates the write.
   */
  async #write<T>(write: () => Promise<T>): Promise<T> {
    this.#accounts = null;
    this.#read = null;
    this.#writes += 1;
    this.#writing += 1;
    try {
      await this.#index?.drop();
      return await write();
    } finally {
      this.#writing -= 1;
      this.#writes += 1;
      this.#accounts = null;
      this.#read = null;
    }
  }

  getAccount(id: string): Promise<StoredAccount> {
    return accounts.getAccount(this.#ctx, id);
  }

  /**
   * An account the user added by hand (typed, pasted, scanned; a recovery-only login): a policy
   * with `disableManualEntry` refuses one with a secret.
   */
  addAccount(input: AccountInput): Promise<string> {
    return this.#write(() => accounts.addAccount(this.#ctx, input, 'manual'));
  }

  /**
   * An account from the portal's own enrolment page, bound to the page's origin as the browser
   * reported it. Only the background's enrolment path calls this; no message from a page leads here.
   */
  addEnrolledAccount(input: AccountInput): Promise<string> {
    return this.#write(() => accounts.addAccount(this.#ctx, input, 'enrolment'));
  }

  /**
   * An import: all or nothing, every account validated and checked against the policy first, then
   * written in one transaction. Returns the ids in input order.
   */
  addAccounts(inputs: readonly AccountInput[]): Promise<string[]> {
    return this.#write(() => accounts.addAccounts(this.#ctx, inputs));
  }

  updateAccount(id: string, patch: AccountPatch): Promise<StoredAccount> {
    return this.#write(() => accounts.updateAccount(this.#ctx, id, patch));
  }

  deleteAccount(id: string): Promise<boolean> {
    return this.#write(() => accounts.deleteAccount(this.#ctx, id));
  }

  nextHotpCode(id: string): Promise<HotpCode> {
    return this.#write(() => accounts.nextHotpCode(this.#ctx, id));
  }

  setRecoveryCodes(
    accountId: string,
    codes: readonly string[],
    options?: SetRecoveryCodesOptions,
  ): Promise<RecoveryStatus> {
    return recovery.setRecoveryCodes(this.#ctx, accountId, codes, options);
  }

  takeRecoveryCode(accountId: string): Promise<TakenRecoveryCode> {
    return recovery.takeRecoveryCode(this.#ctx, accountId);
  }

  markRecoveryCodeUnused(accountId: string, code: string): Promise<RecoveryStatus> {
    return recovery.markRecoveryCodeUnused(this.#ctx, accountId, code);
  }

  recoveryStatus(accountId: string): Promise<RecoveryStatus> {
    return recovery.recoveryStatus(this.#ctx, accountId);
  }

  deleteRecoveryCodes(accountId: string): Promise<boolean> {
    return recovery.deleteRecoveryCodes(this.#ctx, accountId);
  }

  getSettings(): Promise<Settings> {
    return settings.getSettings(this.#ctx.db);
  }

  setSettings(patch: Settings): Promise<Settings> {
    return settings.setSettings(this.#ctx.db, patch);
  }

  exportBackup(password: string, options?: ExportBackupOptions): Promise<string> {
    return backup.exportBackup(this.#ctx, password, options);
  }

  /** `exportBackup`, with what the backup holds (for `checkWrittenBackup`). */
  writeBackup(password: string, options?: ExportBackupOptions): Promise<backup.WrittenBackup> {
    return backup.writeBackup(this.#ctx, password, options);
  }

  importBackup(text: string, password: string): Promise<RestoreSummary> {
    return this.#write(() => backup.importBackup(this.#ctx, text, password));
  }
}

function frozen(list: AccountList): AccountList {
  for (const account of list.accounts) Object.freeze(account.origins);
  return { accounts: list.accounts.map((account) => Object.freeze(account)), unreadable: list.unreadable };
}

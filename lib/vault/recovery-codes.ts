import {
  markUnused,
  MAX_RECOVERY_CODES,
  newCodeSet,
  normalizeRecoveryCode,
  summarize,
  takeFirstUnused,
  type RecoveryStatus,
} from '../recovery';
import { compareAndSwap, readValue } from './compare-and-swap';
import type { SessionContext } from './context';
import { accountNotFound, VaultError } from './errors';
import { guardedWrite } from './guarded-write';
import { RECOVERY_CODES } from './record-kinds';

export interface SetRecoveryCodesOptions {
  /**
   * Replace the account's existing codes. Without it, an account that has codes refuses with
   * `codes-exist` so the UI can ask first: Bitrix24 invalidates old codes when new ones are made,
   * but a user may also be re-importing an old list by mistake.
   */
  replace?: boolean;
}

export interface TakenRecoveryCode {
  code: string;
  /** Unused codes left after this one. */
  remaining: number;
  warn: boolean;
}

/**
 * Saves the recovery codes of an account (codes in any form `normalizeRecoveryCode` accepts,
 * e.g. the output of `parseRecoveryCodes`). All codes start unused.
 */
export async function setRecoveryCodes(
  ctx: SessionContext,
  accountId: string,
  codes: readonly string[],
  options: SetRecoveryCodesOptions = {},
): Promise<RecoveryStatus> {
  const unique = [...new Set(codes.map(requireCode))];
  if (unique.length === 0) throw new VaultError('no-codes', 'There are no recovery codes to save.');
  if (unique.length > MAX_RECOVERY_CODES) {
    throw new VaultError(
      'too-many-codes',
      `Bitrix24 gives 10 recovery codes; ${unique.length} is more than a list can hold.`,
    );
  }
  return compareAndSwap(
    ctx,
    RECOVERY_CODES,
    accountId,
    (current) => {
      if (current !== null && options.replace !== true) {
        throw new VaultError(
          'codes-exist',
          'This account already has recovery codes. Replace them only if Bitrix24 gave you new ones.',
          [accountId],
        );
      }
      const next = newCodeSet(unique, ctx.clock());
      return { next, result: summarize(next, ctx.warnAt) };
    },
    async (tx) => {
      if ((await tx.objectStore('accounts').count(accountId)) === 0) throw accountNotFound(accountId);
    },
  );
}

/**
 * Hands out the first unused code, marked used in the same compare-and-swap that stores it, so
 * two concurrent takes never get the same code. Throws `no-recovery-codes` or `no-codes-left`.
 */
export async function takeRecoveryCode(ctx: SessionContext, accountId: string): Promise<TakenRecoveryCode> {
  return compareAndSwap(ctx, RECOVERY_CODES, accountId, (current) => {
    if (current === null) throw noRecoveryCodes(accountId);
    const taken = takeFirstUnused(current, ctx.clock());
    if (taken === null) {
      throw new VaultError(
        'no-codes-left',
        'Every saved recovery code has been used. Make new ones in Bitrix24 and import them.',
        [accountId],
      );
    }
    const { remaining, warn } = summarize(taken.next, ctx.warnAt);
    return { next: taken.next, result: { code: taken.code, remaining, warn } };
  });
}

/** Puts a handed-out code back, for when the sign-in it was meant for did not go through. */
export async function markRecoveryCodeUnused(
  ctx: SessionContext,
  accountId: string,
  code: string,
): Promise<RecoveryStatus> {
  const wanted = requireCode(code);
  return compareAndSwap(ctx, RECOVERY_CODES, accountId, (current) => {
    if (current === null) throw noRecoveryCodes(accountId);
    const entry = current.codes.find((c) => c.code === wanted);
    if (entry === undefined) {
      throw new VaultError('code-not-found', 'This code is not among the saved recovery codes of this account.', [
        accountId,
      ]);
    }
    if (!entry.used) return { next: undefined, result: summarize(current, ctx.warnAt) };
    const next = markUnused(current, wanted) ?? current;
    return { next, result: summarize(next, ctx.warnAt) };
  });
}

/** Counts and the codes themselves; zeros and no warning when the account has none saved. */
export async function recoveryStatus(ctx: SessionContext, accountId: string): Promise<RecoveryStatus> {
  const stored = await ctx.db.get('recovery', accountId);
  if (stored === undefined) return summarize(null, ctx.warnAt);
  return summarize(await readValue(ctx, RECOVERY_CODES, accountId, stored), ctx.warnAt);
}

/** Removes an account's codes, readable or not. Returns whether there were any. */
export async function deleteRecoveryCodes(ctx: SessionContext, accountId: string): Promise<boolean> {
  return guardedWrite(ctx.db, ctx.vaultId, ['recovery'], async (tx) => {
    const store = tx.objectStore('recovery');
    const had = (await store.count(accountId)) > 0;
    await store.delete(accountId);
    return had;
  });
}

function requireCode(input: string): string {
  const code = typeof input === 'string' ? normalizeRecoveryCode(input) : null;
  if (code === null) {
    throw new VaultError(
      'invalid-code',
      'A recovery code is four letters or digits, a hyphen, and four more, like ab12-cd34.',
    );
  }
  return code;
}

const noRecoveryCodes = (accountId: string): VaultError =>
  new VaultError(
    'no-recovery-codes',
    'No recovery codes are saved for this account. Import them from Bitrix24 first.',
    [accountId],
  );

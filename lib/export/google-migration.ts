import type { Account } from '../account';
import { formatMigrationUri, migrationIncompatibility } from '../otp';
import type { SkippedAccount } from './errors';

/**
 * Default longest link per QR code. About what Google Authenticator puts in one of its own export
 * codes (10 accounts); a denser code is hard to scan from a laptop screen.
 */
export const DEFAULT_MAX_MIGRATION_URI_LENGTH = 1000;
/** Byte capacity of the largest QR code (version 40) at medium error correction. */
export const QR_MAX_BYTES = 2331;

export interface MigrationExportOptions {
  /** Longest link per QR code; raise it for fewer, denser codes. At most `QR_MAX_BYTES`. */
  maxUriLength?: number;
  /** Shared by all codes of one export; random when not given. */
  batchId?: number;
}

export interface MigrationExport {
  /** One `otpauth-migration://` link per QR code, in order. */
  uris: string[];
  /** Accounts Google Authenticator cannot hold (Steam, 7 digits, a period other than 30 s). */
  skipped: SkippedAccount[];
}

/**
 * Google Authenticator "Transfer accounts" QR payloads for `accounts`, split so each link fits one
 * scannable QR code. Every link states its position and the total, so the phone knows when it has
 * scanned them all.
 */
export function exportMigrationUris(
  accounts: readonly Account[],
  options: MigrationExportOptions = {},
): MigrationExport {
  const maxLength = Math.min(options.maxUriLength ?? DEFAULT_MAX_MIGRATION_URI_LENGTH, QR_MAX_BYTES);
  const batchId = options.batchId ?? randomBatchId();
  const skipped: SkippedAccount[] = [];
  const exportable: Account[] = [];
  for (const account of accounts) {
    const problem = whyNotExportable(account, batchId);
    if (problem) skipped.push({ account: { issuer: account.issuer, label: account.label }, ...problem });
    else exportable.push(account);
  }
  return { uris: partition(exportable, maxLength, batchId), skipped };
}

/**
 * Greedy packing. The batch count is written into every link but only known at the end, so links
 * are measured with the largest possible count; if the final numbers still lengthen a link past
 * the limit (Base64 and %-escapes shift), packing is repeated with a tighter budget.
 */
function partition(accounts: Account[], maxLength: number, batchId: number): string[] {
  let budget = maxLength;
  for (;;) {
    const batches = pack(accounts, budget, batchId);
    const uris = batches.map((batch, i) => uri(batch, batches.length, i, batchId));
    // A lone account longer than the limit still gets its own code (it fits QR_MAX_BYTES).
    const fits = uris.every((u, i) => u.length <= maxLength || batches[i]!.length === 1);
    if (fits || budget <= 0) return uris;
    budget -= 16;
  }
}

function pack(accounts: Account[], budget: number, batchId: number): Account[][] {
  const batches: Account[][] = [];
  let current: Account[] = [];
  for (const account of accounts) {
    const candidate = [...current, account];
    if (current.length > 0 && uri(candidate, accounts.length, batches.length, batchId).length > budget) {
      batches.push(current);
      current = [account];
    } else {
      current = candidate;
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function uri(accounts: Account[], batchSize: number, batchIndex: number, batchId: number): string {
  return formatMigrationUri(accounts, { batchSize, batchIndex, batchId });
}

function whyNotExportable(account: Account, batchId: number): Omit<SkippedAccount, 'account'> | null {
  const incompatibility = migrationIncompatibility(account);
  if (incompatibility) return { code: incompatibility.code, reason: incompatibility.message };
  if (uri([account], 1, 0, batchId).length > QR_MAX_BYTES) {
    return { code: 'too-long', reason: 'Its names are too long to fit in a QR code.' };
  }
  return null;
}

function randomBatchId(): number {
  // int32 on the wire; Google Authenticator uses non-negative values.
  return crypto.getRandomValues(new Uint32Array(1))[0]! & 0x7fffffff;
}

import type { Account } from '../../account';
import { base64ToBytes, bytesToBase64 } from '../encoding/base64';
import { decodeComponent } from '../query';
import { OtpUriError } from '../errors';
import { accountToMigrationOtp, migrationOtpToAccount } from './entry';
import { MigrationEntryError, MigrationError } from './errors';
import { decodeMigrationPayload, encodeMigrationPayload, type MigrationOtp, type MigrationPayload } from './payload';
import { ProtobufError } from './protobuf';

const PREFIX = 'otpauth-migration://offline?';
/** A QR code holds at most 2,953 bytes; anything much longer was not scanned from one. */
export const MAX_MIGRATION_URI_LENGTH = 16_384;

/** A decoded export QR code: its batch position and its entries, each read or rejected on its own. */
export interface MigrationBatch {
  batchSize: number;
  batchIndex: number;
  batchId: number;
  entries: MigrationEntry[];
}

export type MigrationEntry =
  | { ok: true; name: string; account: Account }
  | { ok: false; name: string; error: MigrationEntryError };

/**
 * Reads one `otpauth-migration://offline?data=…` link (the payload of one Google Authenticator
 * export QR code). Throws `MigrationError` when the link as a whole is unreadable; a single bad
 * entry is reported in `entries` so the others can still be imported.
 */
export function parseMigrationUri(uri: string): MigrationBatch {
  const payload = decodeMigrationUri(uri);
  return {
    batchSize: payload.batchSize,
    batchIndex: payload.batchIndex,
    batchId: payload.batchId,
    entries: payload.otps.map(readEntry),
  };
}

/** Every account of one link, or a `MigrationError`/`MigrationEntryError` for the first problem. */
export function parseMigrationUriAccounts(uri: string): Account[] {
  return parseMigrationUri(uri).entries.map((entry) => {
    if (!entry.ok) throw entry.error;
    return entry.account;
  });
}

function readEntry(otp: MigrationOtp): MigrationEntry {
  const name = otp.issuer === '' ? otp.name : `${otp.issuer}: ${otp.name}`;
  try {
    return { ok: true, name, account: migrationOtpToAccount(otp) };
  } catch (error) {
    if (error instanceof MigrationEntryError) return { ok: false, name, error };
    throw error;
  }
}

export function decodeMigrationUri(uri: string): MigrationPayload {
  const text = uri.trim();
  if (text.length > MAX_MIGRATION_URI_LENGTH) {
    throw new MigrationError('too-long', 'The Google Authenticator export link is too long to be one QR code.');
  }
  if (text.slice(0, PREFIX.length).toLowerCase() !== PREFIX) {
    throw new MigrationError(
      'bad-scheme',
      'This is not a Google Authenticator export link (otpauth-migration://offline?data=…).',
    );
  }
  const data = dataParam(text.slice(PREFIX.length));
  // Base64 uses "+", which form-decoding turns into a space on the way here; put it back.
  const bytes = base64ToBytes(data.replace(/ /g, '+'));
  if (bytes === null || bytes.length === 0) {
    throw new MigrationError(
      'bad-data',
      'The export link is damaged (its data is not Base64). Scan the QR code again.',
    );
  }
  try {
    return decodeMigrationPayload(bytes);
  } catch (error) {
    if (error instanceof ProtobufError) {
      throw new MigrationError('corrupt', 'The export link is damaged and cannot be read. Scan the QR code again.');
    }
    throw error;
  }
}

function dataParam(query: string): string {
  let data: string | undefined;
  for (const pair of query.split('&')) {
    if (!pair.toLowerCase().startsWith('data=')) continue;
    if (data !== undefined)
      throw new MigrationError('bad-data', 'The export link sets "data" twice, so it is ambiguous.');
    try {
      data = decodeComponent(pair.slice('data='.length), 'data');
    } catch (error) {
      if (error instanceof OtpUriError) throw new MigrationError('bad-data', error.message);
      throw error;
    }
  }
  if (data === undefined || data === '') throw new MigrationError('bad-data', 'The export link has no data.');
  return data;
}

export interface BatchPosition {
  batchSize: number;
  batchIndex: number;
  /** Shared by all QR codes of one export, so a scanner can tell exports apart. */
  batchId: number;
}

/**
 * One export link holding `accounts`, as Google Authenticator writes it. Throws
 * `MigrationEntryError` for an account the format cannot carry (see `migrationIncompatibility`).
 * Splitting a large export into QR-sized links is `lib/export`'s job.
 */
export function formatMigrationUri(
  accounts: readonly Account[],
  batch: BatchPosition = { batchSize: 1, batchIndex: 0, batchId: 0 },
): string {
  return encodeMigrationUri({ otps: accounts.map(accountToMigrationOtp), version: 1, ...batch });
}

export function encodeMigrationUri(payload: MigrationPayload): string {
  return `otpauth-migration://offline?data=${encodeURIComponent(bytesToBase64(encodeMigrationPayload(payload)))}`;
}

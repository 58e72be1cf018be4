import { ALGORITHMS, type Account } from '../account';

/** An account as the vault hands it out: always with its id. */
export type StoredAccount = Account & { id: string };

/** What is encrypted: the account without its id, which is the record's key and bound as AAD. */
export function accountPlaintext(account: Account): Omit<Account, 'id'> {
  const { id: _id, ...rest } = account;
  return rest;
}

/**
 * The account in a decrypted record, or `null` when the JSON does not have the shape the vault
 * writes. Authenticated data is not re-validated field by field: it passed `createAccount` when it
 * was written, and stricter rules added later must not make stored accounts vanish.
 */
export function decodeAccount(id: string, value: unknown): StoredAccount | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (v.type !== 'totp' && v.type !== 'hotp' && v.type !== 'recovery') return null;
  if (typeof v.secret !== 'string' || !(ALGORITHMS as readonly unknown[]).includes(v.algorithm)) return null;
  if (![v.digits, v.period, v.counter].every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0))
    return null;
  if (typeof v.issuer !== 'string' || typeof v.label !== 'string') return null;
  if (!Array.isArray(v.origins) || !v.origins.every((o) => typeof o === 'string')) return null;
  if (v.steam !== undefined && v.steam !== true) return null;
  const account: StoredAccount = {
    id,
    type: v.type,
    secret: v.secret,
    algorithm: v.algorithm as Account['algorithm'],
    digits: v.digits as number,
    period: v.period as number,
    counter: v.counter as number,
    issuer: v.issuer,
    label: v.label,
    origins: [...(v.origins as string[])],
  };
  if (v.steam === true) account.steam = true;
  return account;
}

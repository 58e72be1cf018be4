import type { AccountList } from './accounts';

/**
 * What the list's order needs of each account (lib/account/order): names and portals, no secret and
 * no code. Kept beside the parked key while the vault is unlocked, so that a worker started afresh
 * decrypts only the accounts the popup's first screen shows rather than all of them.
 */
export interface AccountIndex {
  vaultId: string;
  entries: IndexEntry[];
  /** Ids of the records that did not decrypt when the index was made. */
  unreadable: string[];
}

export interface IndexEntry {
  id: string;
  issuer: string;
  label: string;
  origins: string[];
}

/** Where a session keeps its index: given every full list it reads, dropped before every write. */
export interface IndexStore {
  save(index: AccountIndex): Promise<void>;
  drop(): Promise<void>;
}

export function indexOf(vaultId: string, list: AccountList): AccountIndex {
  return {
    vaultId,
    entries: list.accounts.map(({ id, issuer, label, origins }) => ({ id, issuer, label, origins: [...origins] })),
    unreadable: [...list.unreadable],
  };
}

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

function isEntry(value: unknown): value is IndexEntry {
  if (typeof value !== 'object' || value === null) return false;
  const { id, issuer, label, origins } = value as Record<string, unknown>;
  return typeof id === 'string' && typeof issuer === 'string' && typeof label === 'string' && isStrings(origins);
}

/** `stored` as the index of the vault `vaultId`, or null: nothing saved, another vault's, or not an index. */
export function readAccountIndex(stored: unknown, vaultId: string): AccountIndex | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const { vaultId: of, entries, unreadable } = stored as Record<string, unknown>;
  if (of !== vaultId || !Array.isArray(entries) || !entries.every(isEntry) || !isStrings(unreadable)) return null;
  return { vaultId, entries, unreadable };
}

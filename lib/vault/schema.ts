import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Settings } from './settings-types';

export const DEFAULT_DB_NAME = 'bitrix24-authenticator-vault';
/** Bump together with a new entry in `MIGRATIONS`. */
export const DB_VERSION = 1;

/** Key of the single record in the `meta` and `settings` stores. */
export const META_KEY = 'vault';
export const SETTINGS_KEY = 'settings';

/** The stores that hold encrypted records, by the name bound into each record's associated data. */
export type SealedStore = 'accounts' | 'recovery';

/**
 * An encrypted record. `id` and `rev` stay in the clear so a writer can compare-and-swap without
 * decrypting inside a transaction; both are bound into the associated data, so they cannot be
 * altered or swapped between records without the record failing to decrypt.
 */
export interface SealedRecord {
  id: string;
  /** Bumped on every write; a writer only replaces the revision it read. */
  rev: number;
  iv: Uint8Array;
  /** AES-256-GCM ciphertext with tag. */
  data: Uint8Array;
}

/** Key-derivation parameters as stored; the salt stays bytes, IndexedDB clones them as they are. */
export interface StoredKdf {
  algorithm: 'argon2id';
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  salt: Uint8Array;
}

/** The vault header: how to get from the password to the data key. Not secret, but authenticated. */
export interface VaultMeta {
  /** Version of the record encoding below (not of the database schema). */
  format: 1;
  /** Random, fixed for the vault's life; bound into every record so records of other vaults fail. */
  vaultId: string;
  kdf: StoredKdf;
  /** The data key, encrypted under the password-derived key; AAD binds `vaultId` and `kdf`. */
  wrappedKey: { iv: Uint8Array; data: Uint8Array };
  /** Nothing, encrypted under the data key: proves a raw key belongs to this vault. */
  keyCheck: { iv: Uint8Array; data: Uint8Array };
  createdAt: number;
  passwordChangedAt: number;
  /**
   * More ways in beside the password: the data key wrapped under a key from a passkey's PRF output
   * (lib/vault/passkey-slots). Absent in vaults that never had one.
   */
  passkeys?: PasskeySlot[];
}

/** One passkey's copy of the data key. None of it is secret without the authenticator. */
export interface PasskeySlot {
  /** The WebAuthn credential's raw id. */
  credentialId: Uint8Array;
  /** The PRF input the authenticator is asked to evaluate; random, one per slot. */
  salt: Uint8Array;
  /** The data key under HKDF(PRF output); AAD binds the vault, the credential and the salt. */
  wrappedKey: { iv: Uint8Array; data: Uint8Array };
  /** The name the user gave it ("Laptop", "YubiKey"). */
  label: string;
  addedAt: number;
}

export interface VaultDbSchema extends DBSchema {
  meta: { key: string; value: VaultMeta };
  accounts: { key: string; value: SealedRecord };
  recovery: { key: string; value: SealedRecord };
  settings: { key: string; value: Settings };
}

export type VaultDb = IDBPDatabase<VaultDbSchema>;
type UpgradeTransaction = IDBPTransaction<VaultDbSchema, StoreNames<VaultDbSchema>[], 'versionchange'>;

/**
 * One step per schema version, applied in order from the version found to `DB_VERSION`, so a
 * database several versions behind is brought forward step by step inside the one upgrade
 * transaction. Steps only touch structure: they cannot decrypt (no key during an upgrade, and
 * awaiting WebCrypto would end the transaction), so format changes of records go elsewhere.
 */
const MIGRATIONS: Record<number, (db: VaultDb, tx: UpgradeTransaction) => void> = {
  1: (db) => {
    db.createObjectStore('meta');
    db.createObjectStore('accounts', { keyPath: 'id' });
    db.createObjectStore('recovery', { keyPath: 'id' });
    db.createObjectStore('settings');
  },
};

export function upgradeVaultDb(db: VaultDb, oldVersion: number, newVersion: number, tx: UpgradeTransaction): void {
  for (let version = oldVersion + 1; version <= newVersion; version++) {
    const step = MIGRATIONS[version];
    if (step === undefined) throw new Error(`No schema migration to version ${version}.`);
    step(db, tx);
  }
}

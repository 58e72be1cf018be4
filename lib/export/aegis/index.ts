import type { Account } from '../../account';
import { AEGIS_SCRYPT, type ScryptParams } from '../../import/formats/aegis/scrypt-params';
import { ExportError } from '../errors';
import { encryptAegisDb } from './encrypt';

export interface AegisExportOptions {
  /** Encrypts the vault when given; Aegis asks for it on import. */
  password?: string | undefined;
  /** Aegis' own parameters by default; lower ones only make sense in tests. */
  scrypt?: ScryptParams | undefined;
}

/**
 * An Aegis vault export (docs/vault.md in the Aegis repository) that Aegis and `importAccounts`
 * read. Plain unless a password is given. Origins and ids stay behind: Aegis has no place for them.
 */
export async function exportAegisVault(
  accounts: readonly Account[],
  options: AegisExportOptions = {},
): Promise<string> {
  const db = { version: 1, entries: accounts.map(toAegisEntry) };
  if (options.password === undefined) {
    return JSON.stringify({ version: 1, header: { slots: null, params: null }, db }, null, 4);
  }
  if (options.password === '') throw new ExportError('empty-password', 'Choose a password to encrypt the export with.');
  const encrypted = await encryptAegisDb(JSON.stringify(db), options.password, options.scrypt ?? AEGIS_SCRYPT);
  return JSON.stringify({ version: 1, ...encrypted }, null, 4);
}

function toAegisEntry(account: Account) {
  return {
    type: account.steam ? 'steam' : account.type,
    uuid: crypto.randomUUID(),
    name: account.label,
    issuer: account.issuer,
    note: '',
    favorite: false,
    icon: null,
    info: {
      secret: account.secret,
      algo: account.algorithm,
      digits: account.digits,
      ...(account.type === 'hotp' ? { counter: account.counter } : { period: account.period }),
    },
  };
}

import { createAccount, type Account } from '../../account';
import { parseOtpauthUri } from '../../otp';
import { ImportError } from '../errors';
import { checkEntryCount } from '../limits';
import { get, getString, isObject, type JsonObject } from '../json-fields';
import { entryName, readEntry } from '../read-entry';
import type { ParsedEntry } from '../report';
import type { ImportFormat } from './types';

/**
 * Bitwarden JSON export. Only items with a `login.totp` are accounts; the rest are passwords and
 * are passed over silently. `login.totp` is an otpauth:// URI, a `steam://` key, or a bare key.
 */
export const bitwarden: ImportFormat = {
  id: 'bitwarden',
  name: 'Bitwarden export',
  detect: ({ json }) =>
    isObject(json) &&
    typeof get(json, 'encrypted') === 'boolean' &&
    (Array.isArray(get(json, 'items')) || get(json, 'encrypted') === true),
  parse: async ({ json }) => {
    const vault = json as JsonObject;
    if (get(vault, 'encrypted') === true) {
      throw new ImportError(
        'encrypted-unsupported',
        'This Bitwarden export is encrypted, which the extension cannot read. In Bitwarden, export as unencrypted JSON, import it, then delete that file.',
      );
    }
    const items = get(vault, 'items') as unknown[];
    checkEntryCount(items.length);
    const entries: ParsedEntry[] = [];
    items.forEach((item, i) => {
      if (!isObject(item)) return;
      const login = get(item, 'login');
      const totp = isObject(login) ? get(login, 'totp') : undefined;
      if (!isObject(login) || typeof totp !== 'string' || totp.trim() === '') return;
      const where = entryName(`item ${i + 1}`, get(item, 'name'), undefined);
      entries.push(readEntry(where, () => totpToAccount(totp.trim(), item, login)));
    });
    return { entries, warnings: [] };
  },
};

function totpToAccount(totp: string, item: JsonObject, login: JsonObject): Account {
  if (/^otpauth:/i.test(totp)) return parseOtpauthUri(totp);
  const steam = /^steam:\/\//i.test(totp);
  const name = getString(item, 'name');
  const username = getString(login, 'username');
  // A bare key carries no names; the item's name is the service, its username the account.
  return createAccount({
    type: 'totp',
    steam,
    secret: steam ? totp.slice('steam://'.length) : totp,
    issuer: username ? name : '',
    label: username || name,
  });
}

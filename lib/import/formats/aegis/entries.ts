import { createAccount, type Account } from '../../../account';
import { EntryError } from '../../errors';
import { getInteger, getObject, getString, requireString, type JsonObject } from '../../json-fields';

/** One Aegis `db.entries[]` item as an account (field names per Aegis docs/vault.md). */
export function aegisEntryToAccount(entry: JsonObject): Account {
  const type = requireString(entry, 'type').toLowerCase();
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam') {
    throw new EntryError(
      'unsupported-type',
      `${type.slice(0, 20)} codes from Aegis are not supported; only TOTP, HOTP and Steam are.`,
    );
  }
  const info = getObject(entry, 'info');
  if (info === undefined) throw new EntryError('bad-entry', 'The entry has no code settings ("info").');
  return createAccount({
    type: type === 'hotp' ? 'hotp' : 'totp',
    steam: type === 'steam',
    secret: requireString(info, 'secret'),
    algorithm: getString(info, 'algo'),
    digits: getInteger(info, 'digits'),
    period: getInteger(info, 'period'),
    counter: getInteger(info, 'counter'),
    issuer: getString(entry, 'issuer'),
    label: getString(entry, 'name'),
  });
}

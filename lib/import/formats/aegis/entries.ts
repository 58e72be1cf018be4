import { createAccount, type Account } from '../../../account';
import { EntryError } from '../../errors';
import { getInteger, getObject, getString, requireString, type JsonObject } from '../../json-fields';
import { entryKind } from '../../read-entry';

/** One Aegis `db.entries[]` item as an account (field names per Aegis docs/vault.md). */
export function aegisEntryToAccount(entry: JsonObject): Account {
  const kind = entryKind(requireString(entry, 'type').toLowerCase(), 'Aegis');
  const info = getObject(entry, 'info');
  if (info === undefined) throw new EntryError('bad-entry', 'The entry has no code settings ("info").');
  return createAccount({
    ...kind,
    secret: requireString(info, 'secret'),
    algorithm: getString(info, 'algo'),
    digits: getInteger(info, 'digits'),
    period: getInteger(info, 'period'),
    counter: getInteger(info, 'counter'),
    issuer: getString(entry, 'issuer'),
    label: getString(entry, 'name'),
  });
}

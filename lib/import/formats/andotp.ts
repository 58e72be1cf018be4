import { createAccount, type Account } from '../../account';
import { ImportError } from '../errors';
import { checkEntryCount } from '../limits';
import { get, getInteger, getString, isObject, requireString, type JsonObject } from '../json-fields';
import { entryKind, readJsonEntries } from '../read-entry';
import type { ImportFormat } from './types';

/** andOTP backup: a JSON array of entries, unencrypted. */
export const andOtp: ImportFormat = {
  id: 'andotp',
  name: 'andOTP backup',
  detect: ({ json, fileName }) =>
    /\.json\.aes$/i.test(fileName) ||
    (Array.isArray(json) &&
      json.every((e) => isObject(e) && typeof get(e, 'secret') === 'string' && typeof get(e, 'type') === 'string')),
  parse: async ({ json }) => {
    if (!Array.isArray(json)) {
      throw new ImportError(
        'encrypted-unsupported',
        'This andOTP backup is encrypted, which the extension cannot read. In andOTP, make a plain-text backup, import it, then delete that file.',
      );
    }
    checkEntryCount(json.length);
    return {
      entries: readJsonEntries(json, (entry) => [get(entry, 'issuer'), get(entry, 'label')], entryToAccount),
      warnings: [],
    };
  },
};

function entryToAccount(entry: JsonObject): Account {
  const kind = entryKind(requireString(entry, 'type').toUpperCase(), 'andOTP');
  return createAccount({
    ...kind,
    secret: requireString(entry, 'secret'),
    algorithm: getString(entry, 'algorithm'),
    digits: getInteger(entry, 'digits'),
    period: getInteger(entry, 'period'),
    counter: getInteger(entry, 'counter'),
    issuer: getString(entry, 'issuer'),
    label: getString(entry, 'label'),
  });
}

import { createAccount, type Account } from '../../account';
import { EntryError, ImportError } from '../errors';
import { checkEntryCount } from '../limits';
import { get, getInteger, getString, isObject, requireString } from '../json-fields';
import { entryName, readEntry } from '../read-entry';
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
      entries: json.map((entry: unknown, i) => {
        const where = isObject(entry)
          ? entryName(`entry ${i + 1}`, get(entry, 'issuer'), get(entry, 'label'))
          : `entry ${i + 1}`;
        return readEntry(where, () => entryToAccount(entry));
      }),
      warnings: [],
    };
  },
};

function entryToAccount(entry: unknown): Account {
  if (!isObject(entry)) throw new EntryError('bad-entry', 'The entry is not an account record.');
  const type = requireString(entry, 'type').toUpperCase();
  if (type !== 'TOTP' && type !== 'HOTP' && type !== 'STEAM') {
    throw new EntryError(
      'unsupported-type',
      `${type.slice(0, 20)} codes from andOTP are not supported; only TOTP, HOTP and Steam are.`,
    );
  }
  return createAccount({
    type: type === 'HOTP' ? 'hotp' : 'totp',
    steam: type === 'STEAM',
    secret: requireString(entry, 'secret'),
    algorithm: getString(entry, 'algorithm'),
    digits: getInteger(entry, 'digits'),
    period: getInteger(entry, 'period'),
    counter: getInteger(entry, 'counter'),
    issuer: getString(entry, 'issuer'),
    label: getString(entry, 'label'),
  });
}

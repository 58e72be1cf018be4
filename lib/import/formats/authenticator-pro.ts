import { createAccount, type Account } from '../../account';
import { EntryError } from '../errors';
import { checkEntryCount } from '../limits';
import { get, getInteger, getString, isObject, requireString, type JsonObject } from '../json-fields';
import { entryKind, readJsonEntries } from '../read-entry';
import type { ImportFormat } from './types';

/** `AuthenticatorType` in Stratum.Core: what each `Type` number is called. */
const TYPE_NAMES: Partial<Record<number, string>> = { 1: 'HOTP', 2: 'TOTP', 3: 'mOTP', 4: 'Steam', 5: 'Yandex' };
/** `HashAlgorithm` in Stratum.Core. */
const ALGORITHMS: Partial<Record<number, string>> = { 0: 'SHA1', 1: 'SHA256', 2: 'SHA512' };

/**
 * Authenticator Pro (Stratum) unencrypted backup: `Authenticators[]` with numeric `Type` and
 * `Algorithm`; `Categories`, `AuthenticatorCategories` and `CustomIcons` are its own bookkeeping
 * and stay behind. Its encrypted backups are binary and not read here.
 */
export const authenticatorPro: ImportFormat = {
  id: 'authenticator-pro',
  name: 'Authenticator Pro backup',
  detect: ({ json }) => isObject(json) && Array.isArray(get(json, 'Authenticators')),
  parse: async ({ json }) => {
    const authenticators = get(json as JsonObject, 'Authenticators') as unknown[];
    checkEntryCount(authenticators.length);
    return {
      entries: readJsonEntries(
        authenticators,
        (item) => [get(item, 'Issuer'), get(item, 'Username')],
        authenticatorToAccount,
      ),
      warnings: [],
    };
  },
};

function authenticatorToAccount(item: JsonObject): Account {
  const type = getInteger(item, 'Type');
  if (type === undefined) throw new EntryError('bad-entry', 'The entry has no "Type".');
  const kind = entryKind(TYPE_NAMES[type] ?? `Type ${String(type).slice(0, 12)}`, 'Authenticator Pro');
  const algorithm = getInteger(item, 'Algorithm');
  return createAccount({
    ...kind,
    secret: requireString(item, 'Secret'),
    algorithm: algorithm === undefined ? undefined : (ALGORITHMS[algorithm] ?? String(algorithm)),
    digits: getInteger(item, 'Digits'),
    period: getInteger(item, 'Period'),
    counter: getInteger(item, 'Counter'),
    issuer: getString(item, 'Issuer'),
    label: getString(item, 'Username'),
  });
}

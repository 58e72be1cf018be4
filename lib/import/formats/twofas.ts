import { createAccount, type Account } from '../../account';
import { ImportError } from '../errors';
import { checkEntryCount } from '../limits';
import { get, getInteger, getObject, getString, isObject, requireString, type JsonObject } from '../json-fields';
import { entryKind, readJsonEntries } from '../read-entry';
import type { ImportFormat } from './types';

/** 2FAS backup (`.2fas`, JSON with `services[]`), unencrypted. */
export const twoFas: ImportFormat = {
  id: '2fas',
  name: '2FAS backup',
  detect: ({ json }) =>
    isObject(json) &&
    Array.isArray(get(json, 'services')) &&
    (typeof get(json, 'schemaVersion') === 'number' || typeof get(json, 'servicesEncrypted') === 'string'),
  parse: async ({ json }) => {
    const backup = json as JsonObject;
    const encrypted = get(backup, 'servicesEncrypted');
    if (typeof encrypted === 'string' && encrypted !== '') {
      throw new ImportError(
        'encrypted-unsupported',
        'This 2FAS backup is password-protected, which the extension cannot read. In 2FAS, export a backup without a password, import it, then delete that file.',
      );
    }
    const services = get(backup, 'services') as unknown[];
    checkEntryCount(services.length);
    return {
      entries: readJsonEntries(services, serviceNames, serviceToAccount),
      warnings: [],
    };
  },
};

function serviceNames(service: JsonObject): [issuer: unknown, label: unknown] {
  const otp = get(service, 'otp');
  return [get(service, 'name'), isObject(otp) ? get(otp, 'account') : undefined];
}

function serviceToAccount(service: JsonObject): Account {
  const otp = getObject(service, 'otp') ?? {};
  const kind = entryKind((getString(otp, 'tokenType') ?? 'TOTP').toUpperCase(), '2FAS');
  // `name` is what the user sees (and may have edited) in 2FAS; `otp.issuer` is what the QR code said.
  return createAccount({
    ...kind,
    secret: requireString(service, 'secret'),
    algorithm: getString(otp, 'algorithm'),
    digits: getInteger(otp, 'digits'),
    period: getInteger(otp, 'period'),
    counter: getInteger(otp, 'counter'),
    issuer: getString(service, 'name') ?? getString(otp, 'issuer'),
    label: getString(otp, 'account') ?? getString(otp, 'label'),
  });
}

import { createAccount, type Account } from '../../account';
import { checkEntryCount } from '../limits';
import { get, getInteger, getObject, getString, isObject, requireString, type JsonObject } from '../json-fields';
import { entryKind, readJsonEntries } from '../read-entry';
import type { ParsedEntry } from '../report';
import type { ImportFormat } from './types';

/**
 * 2FAS backup (`.2fas`, JSON with `services[]`), unencrypted. A password-protected one
 * (`servicesEncrypted`) is read by `twoFasEncrypted`, which comes first in `IMPORT_FORMATS`.
 */
export const twoFas: ImportFormat = {
  id: '2fas',
  name: '2FAS backup',
  detect: ({ json }) =>
    isObject(json) &&
    Array.isArray(get(json, 'services')) &&
    (typeof get(json, 'schemaVersion') === 'number' || typeof get(json, 'servicesEncrypted') === 'string'),
  parse: async ({ json }) => ({
    entries: readTwoFasServices(get(json as JsonObject, 'services') as unknown[]),
    warnings: [],
  }),
};

/** 2FAS `services[]`, as a plain backup holds it and an encrypted one decrypts to. */
export function readTwoFasServices(services: readonly unknown[]): ParsedEntry[] {
  checkEntryCount(services.length);
  return readJsonEntries(services, serviceNames, serviceToAccount);
}

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

import { createAccount, secretFromBytes, type Account } from '../../account';
import { EntryError } from '../errors';
import { checkEntryCount } from '../limits';
import { get, getInteger, getString, isObject, requireString, type JsonObject } from '../json-fields';
import { entryKind, readJsonEntries } from '../read-entry';
import type { ImportFormat } from './types';

/**
 * FreeOTP+ JSON export (`SavedTokens`: `tokens[]` and `tokenOrder[]`), the legacy FreeOTP `Token`
 * as Gson writes it: `secret` is the key's bytes as signed Java bytes, `algo`, `digits`, `period`,
 * `counter`, `type` ("TOTP" or "HOTP"), `issuerExt` (the issuer) with `issuerAlt` when renamed,
 * `label` with `labelAlt` when renamed.
 */
export const freeOtpPlus: ImportFormat = {
  id: 'freeotp-plus',
  name: 'FreeOTP+ export',
  detect: ({ json }) => {
    if (!isObject(json)) return false;
    const tokens = get(json, 'tokens');
    return (
      Array.isArray(tokens) &&
      (Array.isArray(get(json, 'tokenOrder')) || tokens.some((t) => isObject(t) && Array.isArray(get(t, 'secret'))))
    );
  },
  parse: async ({ json }) => {
    const tokens = get(json as JsonObject, 'tokens') as unknown[];
    checkEntryCount(tokens.length);
    return { entries: readJsonEntries(tokens, tokenNames, tokenToAccount), warnings: [] };
  },
};

function tokenNames(token: JsonObject): [issuer: unknown, label: unknown] {
  return [get(token, 'issuerAlt') ?? get(token, 'issuerExt'), get(token, 'labelAlt') ?? get(token, 'label')];
}

function tokenToAccount(token: JsonObject): Account {
  const kind = entryKind(requireString(token, 'type'), 'FreeOTP+');
  const issuerExt = getString(token, 'issuerExt');
  const counter = getInteger(token, 'counter');
  return createAccount({
    type: kind.type,
    // FreeOTP's own rule: a TOTP issued by "Steam" shows Steam codes.
    steam: kind.steam || (kind.type === 'totp' && issuerExt === 'Steam'),
    secret: secretFromBytes(keyBytes(get(token, 'secret'))),
    algorithm: getString(token, 'algo'),
    digits: getInteger(token, 'digits'),
    period: getInteger(token, 'period'),
    // FreeOTP stores one less than the link's counter (it reads `counter=N` as N - 1, writes it
    // back as counter + 1), so the link's value, the next code to use, is counter + 1.
    counter: kind.type === 'hotp' && counter !== undefined ? counter + 1 : undefined,
    issuer: getString(token, 'issuerAlt') ?? issuerExt ?? getString(token, 'issuerInt'),
    label: getString(token, 'labelAlt') ?? getString(token, 'label'),
  });
}

/** Java writes bytes signed (-128 to 127); unsigned values (to 255) mean the same bytes. */
function keyBytes(value: unknown): Uint8Array {
  if (value === undefined || value === null) throw new EntryError('bad-entry', 'The entry has no "secret".');
  if (!Array.isArray(value) || !value.every((b) => Number.isInteger(b) && b >= -128 && b <= 255)) {
    throw new EntryError('bad-entry', 'The entry\'s "secret" should be a list of byte values.');
  }
  return Uint8Array.from(value as number[], (b) => b & 0xff);
}

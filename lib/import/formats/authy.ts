import { createAccount, secretFromBytes, type Account } from '../../account';
import { ImportError, EntryError } from '../errors';
import { checkEntryCount } from '../limits';
import { get, getInteger, getString, isObject, requireString, type JsonObject } from '../json-fields';
import { readJsonEntries } from '../read-entry';
import type { ParsedFile } from '../report';
import type { ImportFormat } from './types';

/**
 * Authy has no export of its own; these are the JSON files the community's exporters write:
 *
 * - `decrypted_tokens.json` of Authy-iOS-MiTM's `decrypt.py` (and its forks):
 *   `{ "decrypted_authenticator_tokens": [{ name, issuer, decrypted_seed, digits, account_type, … }] }`,
 *   the third-party TOTP accounts, keys in Base32.
 * - A dump of the Authy desktop app's token list (`appManager.getModel()`), as authy-desktop-export
 *   writes it (every field of Authy's model plus `secret`, Base32) or as the gist's `dump_secrets()`
 *   does (`[{ name, secret }]`); `decryptedSeed` (Base32) or `secretSeed` (hex, Authy's own app
 *   tokens) where `secret` is missing.
 *
 * The captured, still encrypted `authenticator_tokens` reply of Authy's server is refused with a
 * pointer to the decryption step. Exporters that write Bitwarden JSON or otpauth:// lines are read
 * by those formats.
 */
export const authy: ImportFormat = {
  id: 'authy',
  name: 'Authy export',
  detect: ({ json }) => isMitmExport(json) || isEncryptedTokenList(json) || isDesktopDump(json),
  parse: async ({ json }) => {
    if (isMitmExport(json))
      return readTokens(get(json as JsonObject, 'decrypted_authenticator_tokens') as unknown[], mitmToAccount);
    if (isEncryptedTokenList(json)) {
      throw new ImportError(
        'encrypted-unsupported',
        "This is Authy's encrypted token list, which the extension cannot read. Decrypt it with your Authy backup password first (for example with the Authy-iOS-MiTM decrypt script), import the decrypted file, then delete both files.",
      );
    }
    return readTokens(json as unknown[], desktopToAccount);
  },
};

function isMitmExport(json: unknown): boolean {
  return isObject(json) && Array.isArray(get(json, 'decrypted_authenticator_tokens'));
}

function isEncryptedTokenList(json: unknown): boolean {
  const tokens = isObject(json) ? get(json, 'authenticator_tokens') : undefined;
  return Array.isArray(tokens) && tokens.some((t) => isObject(t) && typeof get(t, 'encrypted_seed') === 'string');
}

/** Every item names a token and holds a key in one of the desktop app's fields. */
function isDesktopDump(json: unknown): boolean {
  return (
    Array.isArray(json) &&
    json.length > 0 &&
    json.every(
      (t) =>
        isObject(t) &&
        typeof get(t, 'name') === 'string' &&
        ['secret', 'decryptedSeed', 'secretSeed'].some((key) => typeof get(t, key) === 'string'),
    )
  );
}

function readTokens(tokens: readonly unknown[], toAccount: (token: JsonObject) => Account): ParsedFile {
  checkEntryCount(tokens.length);
  return { entries: readJsonEntries(tokens, (t) => [get(t, 'issuer'), get(t, 'name')], toAccount), warnings: [] };
}

/** decrypt.py writes its error in place of the key when the backup password was wrong. */
function mitmToAccount(token: JsonObject): Account {
  const seed = requireString(token, 'decrypted_seed');
  if (/^decryption failed/i.test(seed.trim())) {
    throw new EntryError(
      'not-decrypted',
      'The exporter could not decrypt this token (a wrong Authy backup password?). Run it again with the right password.',
    );
  }
  return createAccount({
    type: 'totp',
    secret: seed,
    digits: getInteger(token, 'digits'),
    // Authenticator tokens (the only kind in this list) are standard 30-second TOTP.
    period: 30,
    ...names(requireString(token, 'name'), getString(token, 'issuer')),
  });
}

function desktopToAccount(token: JsonObject): Account {
  if (get(token, 'markedForDeletion') === true) {
    throw new EntryError('deleted', 'This token was deleted in Authy.');
  }
  const digits = getInteger(token, 'digits');
  return createAccount({
    type: 'totp',
    secret: desktopSecret(token),
    digits,
    // The exporters' rule: Authy's own 7-digit tokens step every 10 seconds, all others every 30.
    period: digits === 7 ? 10 : 30,
    ...names(requireString(token, 'name'), getString(token, 'issuer')),
  });
}

function desktopSecret(token: JsonObject): string {
  const base32 = getString(token, 'secret') ?? getString(token, 'decryptedSeed');
  if (base32 !== undefined) return base32;
  const hex = requireString(token, 'secretSeed').trim();
  if (!/^(?:[0-9a-f]{2})+$/i.test(hex)) {
    throw new EntryError('bad-entry', 'The entry\'s "secretSeed" should be a hexadecimal key.');
  }
  return secretFromBytes(Uint8Array.from(hex.match(/../g)!, (pair) => Number.parseInt(pair, 16)));
}

/**
 * Authy keeps one name a token; exporters split "Issuer: account" at its first colon, as here,
 * unless the issuer is given apart.
 */
function names(name: string, issuer: string | undefined): { issuer: string; label: string } {
  if (issuer !== undefined && issuer.trim() !== '') return { issuer, label: name };
  const colon = name.indexOf(':');
  if (colon <= 0) return { issuer: '', label: name };
  return { issuer: name.slice(0, colon), label: name.slice(colon + 1) };
}

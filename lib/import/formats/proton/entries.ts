import { AccountError, createAccount, secretFromBytes, type Account } from '../../../account';
import { parseOtpauthUri } from '../../../otp';
import { base64ToBytes } from '../../../otp/encoding/base64';
import { EntryError } from '../../errors';
import { get, getObject, getString, isObject, requireString, type JsonObject } from '../../json-fields';
import { entryKind } from '../../read-entry';

/** What Proton Authenticator names Steam entries after (`STEAM_ISSUER` in its steam module). */
const STEAM_ISSUER = 'Steam';

/** An entry's name for the report: Proton keeps the name it shows in `content.name`. */
export function protonEntryNames(entry: JsonObject): [issuer: unknown, label: unknown] {
  const content = get(entry, 'content');
  return [undefined, isObject(content) ? get(content, 'name') : undefined];
}

/**
 * One `entries[]` item of a Proton Authenticator export (`entry/exporter.rs`): `content.uri` is an
 * otpauth:// link for `entry_type` "Totp" and `steam://KEY` for "Steam"; `content.name` is the name
 * Proton shows, which wins over the link's. `note` and `id` stay behind.
 */
export function protonEntryToAccount(entry: JsonObject): Account {
  const content = getObject(entry, 'content');
  if (content === undefined) throw new EntryError('bad-entry', 'The entry has no code settings ("content").');
  const type = requireString(content, 'entry_type');
  const uri = requireString(content, 'uri').trim();
  const name = getString(content, 'name')?.trim() || undefined;
  if (type.toLowerCase() === 'steam') return steamAccount(uri, name);
  entryKind(type, 'Proton Authenticator');
  const account = parseOtpauthUri(labelOnlyPath(uri));
  return name === undefined || name === account.label ? account : createAccount({ ...account, label: name });
}

/**
 * Proton writes the path as the label alone, percent-encoded, with the issuer only in `issuer=`
 * (`TOTP::to_uri`); a colon in the label arrives as `%3A` and is no issuer prefix. A leading `:`
 * says so to `parseOtpauthUri`. Paths with a literal colon (older exports: `Deno:Mason`) are
 * `issuer:label` and are left alone.
 */
function labelOnlyPath(uri: string): string {
  const match = /^(otpauth:\/\/[^/?#]*\/)([^?#]*)([\s\S]*)$/i.exec(uri);
  if (match === null) return uri;
  const [, head, path, rest] = match as unknown as [string, string, string, string];
  if (path.includes(':') || !/%3a/i.test(path)) return uri;
  return `${head}:${path}${rest}`;
}

/** `steam://KEY`: the key in Base32, or in Base64 (Steam's own spelling) when it is not Base32, as Proton reads it. */
function steamAccount(uri: string, name: string | undefined): Account {
  if (/^otpauth:/i.test(uri)) {
    const account = parseOtpauthUri(uri);
    return createAccount({
      type: 'totp',
      steam: true,
      secret: account.secret,
      issuer: account.issuer || STEAM_ISSUER,
      label: name ?? account.label,
    });
  }
  const match = /^steam:\/\/([^/?#]*)/i.exec(uri);
  if (match === null || match[1] === '')
    throw new EntryError('bad-entry', 'The Steam entry has no key ("steam://KEY").');
  return createAccount({
    type: 'totp',
    steam: true,
    secret: steamSecret(match[1]!),
    issuer: STEAM_ISSUER,
    label: name,
  });
}

function steamSecret(key: string): string {
  try {
    return createAccount({ type: 'totp', steam: true, secret: key, label: STEAM_ISSUER }).secret;
  } catch (error) {
    if (!(error instanceof AccountError) || error.code !== 'bad-secret') throw error;
    const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(key) ? base64ToBytes(key) : null;
    if (bytes === null || bytes.length === 0) throw error;
    return secretFromBytes(bytes);
  }
}

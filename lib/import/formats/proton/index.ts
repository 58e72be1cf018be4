import { ImportError } from '../../errors';
import { checkEntryCount } from '../../limits';
import { get, isObject, type JsonObject } from '../../json-fields';
import { readJsonEntries } from '../../read-entry';
import type { ParsedFile } from '../../report';
import type { ImportFormat } from '../types';
import { decryptProtonExport } from './decrypt';
import { protonEntryNames, protonEntryToAccount } from './entries';

/** The one export version Proton Authenticator writes and reads, plain and encrypted alike. */
const EXPORT_VERSION = 1;

/**
 * Proton Authenticator export: plain (`{version, entries[]}`) or password-protected
 * (`{version, salt, content}`, see `decrypt.ts`), which decrypts to the plain one.
 */
export const protonAuthenticator: ImportFormat = {
  id: 'proton',
  name: 'Proton Authenticator export',
  detect: ({ json }) => isPlainExport(json) || isEncryptedExport(json),
  parse: async ({ json }, { password }) => {
    const file = json as JsonObject;
    if (get(file, 'version') !== EXPORT_VERSION) throw unsupportedVersion();
    if (!isEncryptedExport(file)) return readEntries(file);
    const text = await decryptProtonExport(get(file, 'salt') as string, get(file, 'content') as string, password);
    let inner: unknown;
    try {
      inner = JSON.parse(text);
    } catch {
      throw new ImportError('corrupt', 'The Proton Authenticator export opened, but its contents are damaged.');
    }
    if (!isObject(inner) || !Array.isArray(get(inner, 'entries'))) {
      throw new ImportError('corrupt', 'The Proton Authenticator export opened, but holds no account list.');
    }
    if (get(inner, 'version') !== EXPORT_VERSION) throw unsupportedVersion();
    return readEntries(inner);
  },
};

/** `entries[]` whose items carry a `content` object: other apps' `{version, entries}` files do not. */
function isPlainExport(json: unknown): boolean {
  if (!isObject(json) || typeof get(json, 'version') !== 'number') return false;
  const entries = get(json, 'entries');
  return (
    Array.isArray(entries) &&
    get(json, 'header') === undefined &&
    (entries.length === 0 || entries.some((e) => isObject(e) && isObject(get(e, 'content'))))
  );
}

function isEncryptedExport(json: unknown): boolean {
  return (
    isObject(json) &&
    typeof get(json, 'version') === 'number' &&
    typeof get(json, 'salt') === 'string' &&
    typeof get(json, 'content') === 'string' &&
    get(json, 'entries') === undefined
  );
}

function readEntries(file: JsonObject): ParsedFile {
  const entries = get(file, 'entries') as unknown[];
  checkEntryCount(entries.length);
  return { entries: readJsonEntries(entries, protonEntryNames, protonEntryToAccount), warnings: [] };
}

function unsupportedVersion(): ImportError {
  return new ImportError(
    'unsupported-version',
    'This Proton Authenticator export was made by a newer version than this extension can read.',
  );
}

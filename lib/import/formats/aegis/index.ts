import { ImportError } from '../../errors';
import { checkEntryCount } from '../../limits';
import { get, getObject, isObject, type JsonObject } from '../../json-fields';
import { readJsonEntries } from '../../read-entry';
import type { ParsedFile } from '../../report';
import type { ImportFormat } from '../types';
import { decryptAegisDb } from './decrypt';
import { aegisEntryToAccount } from './entries';

/** Aegis vault versions and content versions this reader understands. */
const VAULT_VERSION = 1;
const MAX_DB_VERSION = 3;

/** Aegis vault export, plain (`db` is an object) or encrypted (`db` is Base64 ciphertext). */
export const aegis: ImportFormat = {
  id: 'aegis',
  name: 'Aegis vault',
  detect: ({ json }) =>
    isObject(json) &&
    isObject(get(json, 'header')) &&
    typeof get(json, 'version') === 'number' &&
    (typeof get(json, 'db') === 'string' || isObject(get(json, 'db'))),
  parse: async ({ json }, { password }) => {
    const vault = json as JsonObject;
    if (get(vault, 'version') !== VAULT_VERSION) throw unsupportedVersion();
    const header = getObject(vault, 'header') as JsonObject;
    const rawDb = get(vault, 'db');
    const db = typeof rawDb === 'string' ? parseDecrypted(await decryptAegisDb(header, rawDb, password)) : rawDb;
    return readDb(db);
  },
};

function parseDecrypted(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ImportError('corrupt', 'The Aegis backup opened, but its contents are damaged.');
  }
}

function readDb(db: unknown): ParsedFile {
  if (!isObject(db)) throw new ImportError('corrupt', 'The Aegis backup has no account list.');
  const version = get(db, 'version');
  if (typeof version !== 'number' || version < 1 || version > MAX_DB_VERSION) throw unsupportedVersion();
  const entries = get(db, 'entries');
  if (!Array.isArray(entries)) throw new ImportError('corrupt', 'The Aegis backup has no account list.');
  checkEntryCount(entries.length);
  return {
    entries: readJsonEntries(entries, (entry) => [get(entry, 'issuer'), get(entry, 'name')], aegisEntryToAccount),
    warnings: [],
  };
}

function unsupportedVersion(): ImportError {
  return new ImportError(
    'unsupported-version',
    'This Aegis backup was made by a newer Aegis version than this extension can read.',
  );
}

import { EntryError } from './errors';

/**
 * Typed reads from untrusted JSON. Only own properties count, so a file cannot reach
 * `Object.prototype` through a key; a wrong type is an `EntryError` naming the field.
 */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function get(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

export function getObject(obj: JsonObject, key: string): JsonObject | undefined {
  const value = get(obj, key);
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw fieldError(key, 'an object');
  return value;
}

/** Absent and `null` both mean "not given", as apps write either. */
export function getString(obj: JsonObject, key: string): string | undefined {
  const value = get(obj, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw fieldError(key, 'text');
  return value;
}

export function requireString(obj: JsonObject, key: string): string {
  const value = getString(obj, key);
  if (value === undefined) throw new EntryError('bad-entry', `The entry has no "${key}".`);
  return value;
}

/** Integers arrive as numbers or, from some apps, as decimal strings. Range checks come later. */
export function getInteger(obj: JsonObject, key: string): number | undefined {
  const value = get(obj, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^[0-9]{1,20}$/.test(value.trim())) return Number(value.trim());
  throw fieldError(key, 'a whole number');
}

function fieldError(key: string, expected: string): EntryError {
  return new EntryError('bad-entry', `The entry's "${key}" should be ${expected}.`);
}

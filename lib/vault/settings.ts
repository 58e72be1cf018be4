import { VaultError } from './errors';
import { SETTINGS_KEY, type VaultDb } from './schema';
import type { Settings, SettingsValue } from './settings-types';

/** Settings are small flags and numbers; anything deeper or larger is a bug or junk. */
const MAX_DEPTH = 16;
const MAX_JSON_LENGTH = 64 * 1024;

/**
 * Settings need no key: they are read while the vault is locked (the auto-lock delay, say). They
 * are not secret, so they are stored in the clear, but in the vault's database, never in storage
 * that syncs, and a wipe removes them with everything else.
 */
export async function getSettings(db: VaultDb): Promise<Settings> {
  const value = await db.get('settings', SETTINGS_KEY);
  return isSettings(value) ? value : {};
}

/** Merges `patch` into the stored settings (shallowly) in one transaction and returns the result. */
export async function setSettings(db: VaultDb, patch: Settings): Promise<Settings> {
  checkSettings(patch);
  const tx = db.transaction('settings', 'readwrite');
  const current = await tx.store.get(SETTINGS_KEY);
  const next: Settings = { ...(isSettings(current) ? current : {}), ...patch };
  await tx.store.put(next, SETTINGS_KEY);
  await tx.done;
  return next;
}

export function checkSettings(value: unknown): asserts value is Settings {
  if (!isSettings(value) || JSON.stringify(value).length > MAX_JSON_LENGTH) {
    throw new VaultError('invalid-settings', 'These settings cannot be saved: they must be plain JSON data.');
  }
}

export function isSettings(value: unknown): value is Settings {
  return isPlainObject(value) && isJson(value, 0);
}

function isJson(value: unknown, depth: number): value is SettingsValue {
  if (depth > MAX_DEPTH) return false;
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isJson(item, depth + 1));
  if (isPlainObject(value)) return Object.values(value).every((item) => isJson(item, depth + 1));
  return false;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

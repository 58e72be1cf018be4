import { DEFAULT_KDF_COST, MAX_KDF_WORK } from '../crypto';
import { SETTING_RANGES, type AutofillMode } from '../settings';

/** A company portal from the policy, with its origin worked out once. */
export interface PolicyPortal {
  origin: string;
  name: string;
}

/**
 * The administrator's settings (public/managed_schema.json), checked. A key that is absent is not
 * set; `false` and `0` are values like any other.
 */
export interface Policy {
  portals?: PolicyPortal[];
  requireMasterPassword?: boolean;
  minPasswordLength?: number;
  passwordPattern?: string;
  passwordPatternHint?: string;
  autoLockMinutes?: number;
  lockOnIdle?: boolean;
  autofillMode?: AutofillMode;
  allowAutoSubmit?: boolean;
  disableExport?: boolean;
  /** false: no passkey opens the vault (lib/vault/passkey-slots). Absent: allowed. */
  allowPasskeyUnlock?: boolean;
  disableManualEntry?: boolean;
  restrictToPortals?: boolean;
  kdfMinimumMemoryKiB?: number;
  kdfMinimumIterations?: number;
  recoveryCodeWarningThreshold?: number;
  /** Remind to back up when the last backup is this many days old; 0: no reminder. */
  backupReminderDays?: number;
  clipboardClearSeconds?: number;
  supportUrl?: string;
}

/** A policy value that was ignored, and why: shown to the user in the options page. */
export interface PolicyNotice {
  key: string;
  reason: string;
}

type Reader = (value: unknown) => { value: unknown } | { reason: string };

const ok = (value: unknown) => ({ value });
const bad = (reason: string) => ({ reason });

const boolean: Reader = (v) => (typeof v === 'boolean' ? ok(v) : bad('must be true or false'));
const integer =
  (min: number, max: number): Reader =>
  (v) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max
      ? ok(v)
      : bad(`must be a whole number from ${min} to ${max}`);
const text =
  (max: number): Reader =>
  (v) =>
    typeof v === 'string' && v.length <= max ? ok(v) : bad(`must be text of at most ${max} characters`);

const pattern: Reader = (v) => {
  if (typeof v !== 'string' || v.length > 1000) return bad('must be a regular expression of at most 1000 characters');
  try {
    new RegExp(v, 'u');
    return ok(v);
  } catch {
    return bad('is not a valid regular expression');
  }
};

const httpUrl: Reader = (v) => {
  if (typeof v !== 'string') return bad('must be an http or https address');
  try {
    const url = new URL(v);
    return url.protocol === 'https:' || url.protocol === 'http:'
      ? ok(url.href)
      : bad('must be an http or https address');
  } catch {
    return bad('must be an http or https address');
  }
};

const portals: Reader = (v) => {
  if (!Array.isArray(v) || v.length > 200) return bad('must be a list of at most 200 portals');
  const read: PolicyPortal[] = [];
  for (const entry of v) {
    const url = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).url : undefined;
    const checked = httpUrl(url);
    if ('reason' in checked) return bad(`has a portal whose url ${checked.reason}`);
    const origin = new URL(checked.value as string).origin;
    const name = (entry as Record<string, unknown>).name;
    read.push({
      origin,
      name: typeof name === 'string' && name.trim() ? name.trim().slice(0, 100) : new URL(origin).host,
    });
  }
  return ok(read);
};

const READERS: { [K in keyof Policy]-?: Reader } = {
  portals,
  requireMasterPassword: boolean,
  minPasswordLength: integer(8, 128),
  passwordPattern: pattern,
  passwordPatternHint: text(500),
  autoLockMinutes: integer(SETTING_RANGES.autoLockMinutes.min, SETTING_RANGES.autoLockMinutes.max),
  lockOnIdle: boolean,
  autofillMode: (v) => (v === 'off' || v === 'click' || v === 'load' ? ok(v) : bad('must be "off", "click" or "load"')),
  allowAutoSubmit: boolean,
  disableExport: boolean,
  allowPasskeyUnlock: boolean,
  disableManualEntry: boolean,
  restrictToPortals: boolean,
  kdfMinimumMemoryKiB: integer(19456, 262144),
  kdfMinimumIterations: integer(2, 16),
  recoveryCodeWarningThreshold: integer(0, 10),
  backupReminderDays: integer(0, 365),
  clipboardClearSeconds: integer(SETTING_RANGES.clipboardClearSeconds.min, SETTING_RANGES.clipboardClearSeconds.max),
  supportUrl: httpUrl,
};

/**
 * Reads what `storage.managed` holds. Every key is checked on its own: an invalid value is left
 * out with a notice and the rest still applies; keys the schema does not know are reported too.
 */
export function readPolicy(raw: unknown): { policy: Policy; invalid: PolicyNotice[] } {
  const policy: Record<string, unknown> = {};
  const invalid: PolicyNotice[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { policy, invalid };
  for (const [key, value] of Object.entries(raw)) {
    if (!Object.hasOwn(READERS, key)) {
      invalid.push({ key, reason: 'is not a setting of this extension' });
      continue;
    }
    const result = READERS[key as keyof Policy](value);
    if ('reason' in result) invalid.push({ key, reason: result.reason });
    else policy[key] = result.value;
  }
  // Each KDF minimum fits the schema alone, but together they can ask for more work than the vault
  // will ever do, and then no unlock would succeed: refuse the pair rather than lock users out.
  const memory = (policy.kdfMinimumMemoryKiB as number | undefined) ?? DEFAULT_KDF_COST.memoryKiB;
  const iterations = (policy.kdfMinimumIterations as number | undefined) ?? DEFAULT_KDF_COST.iterations;
  if (memory * iterations > MAX_KDF_WORK) {
    for (const key of ['kdfMinimumMemoryKiB', 'kdfMinimumIterations'] as const) {
      if (key in policy)
        invalid.push({
          key,
          reason: `together with the other KDF minimum asks for more than ${MAX_KDF_WORK} KiB × passes`,
        });
      delete policy[key];
    }
  }
  if (policy.requireMasterPassword === false) {
    invalid.push({ key: 'requireMasterPassword', reason: 'cannot be false: the vault always has a master password' });
    delete policy.requireMasterPassword;
  }
  return { policy: policy as Policy, invalid };
}

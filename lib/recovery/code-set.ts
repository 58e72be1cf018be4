import { isRecoveryCode } from './normalize';

/** One recovery code and whether it has been handed out for a sign-in. */
export interface RecoveryCodeEntry {
  code: string;
  used: boolean;
  /** Unix ms when it was handed out; absent while unused. */
  usedAt?: number;
}

/** The recovery codes of one account, in the order Bitrix listed them. */
export interface RecoveryCodeSet {
  codes: RecoveryCodeEntry[];
  /** Unix ms when this set was saved. */
  importedAt: number;
}

export interface RecoveryStatus {
  total: number;
  remaining: number;
  /** True when few codes are left and the user should generate new ones in Bitrix24. */
  warn: boolean;
  codes: RecoveryCodeEntry[];
}

/** Bitrix24 issues 10; a set much larger than that is not a Bitrix24 set. */
export const MAX_RECOVERY_CODES = 100;
/** Warn when this many codes or fewer are left. */
export const DEFAULT_WARN_AT = 3;

export function newCodeSet(codes: readonly string[], now: number): RecoveryCodeSet {
  return { codes: codes.map((code) => ({ code, used: false })), importedAt: now };
}

/** With no codes saved there is nothing to run out of, so no warning. */
export function summarize(set: RecoveryCodeSet | null, warnAt: number = DEFAULT_WARN_AT): RecoveryStatus {
  const codes = set?.codes.map((entry) => ({ ...entry })) ?? [];
  const remaining = codes.filter((entry) => !entry.used).length;
  return { total: codes.length, remaining, warn: codes.length > 0 && remaining <= warnAt, codes };
}

/** The set with its first unused code marked used, and that code; `null` when all are used. */
export function takeFirstUnused(set: RecoveryCodeSet, now: number): { next: RecoveryCodeSet; code: string } | null {
  const index = set.codes.findIndex((entry) => !entry.used);
  const entry = set.codes[index];
  if (entry === undefined) return null;
  const codes = set.codes.slice();
  codes[index] = { code: entry.code, used: true, usedAt: now };
  return { next: { ...set, codes }, code: entry.code };
}

/** The set with `code` unused again, or `null` when the set has no such code. */
export function markUnused(set: RecoveryCodeSet, code: string): RecoveryCodeSet | null {
  if (!set.codes.some((entry) => entry.code === code)) return null;
  return { ...set, codes: set.codes.map((entry) => (entry.code === code ? { code: entry.code, used: false } : entry)) };
}

/** Shape check for a set read back from storage or a backup; data is never trusted blindly. */
export function isRecoveryCodeSet(value: unknown): value is RecoveryCodeSet {
  if (typeof value !== 'object' || value === null) return false;
  const { codes, importedAt } = value as Record<string, unknown>;
  if (!isTime(importedAt) || !Array.isArray(codes) || codes.length > MAX_RECOVERY_CODES) return false;
  const seen = new Set<string>();
  for (const entry of codes as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return false;
    const { code, used, usedAt } = entry as Record<string, unknown>;
    if (!isRecoveryCode(code) || seen.has(code) || typeof used !== 'boolean') return false;
    if (usedAt !== undefined && (!used || !isTime(usedAt))) return false;
    seen.add(code);
  }
  return true;
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

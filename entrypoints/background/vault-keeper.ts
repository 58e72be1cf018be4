import { browser } from 'wxt/browser';
import { DEFAULT_KDF_COST, fromBase64, kdfFallbackReason, toBase64 } from '@/lib/crypto';
import {
  afterUnlockFailure,
  createVault,
  getSettings,
  openSession,
  openVaultDb,
  readUnlockFailures,
  removeAllPasskeySlots,
  unlockWithPasskey as openWithPasskey,
  unlockVault,
  unlockWaitMs,
  vaultStatus,
  VaultError,
  wipeVault,
  type IndexStore,
  type UnlockOptions,
  type VaultDb,
  type VaultSession,
} from '@/lib/vault';
import { SerialQueue } from '@/lib/vault/serial-queue';
import { settingsWithDefaults, type UserSettings } from '@/lib/settings';
import type { VaultState } from '@/lib/protocol';
import { applyPolicy, passwordRuleProblem, PolicyError, type EffectiveSettings } from '@/lib/policy';
import { currentPolicy } from './policy-source';

/** Where the unlocked vault's data key waits while the service worker sleeps: memory only, never disk. */
const PARKED_KEY = 'vault:key';
/**
 * Beside it, the account index (lib/vault/account-index: names and portals, no secret): what lets
 * a worker started afresh answer the popup by decrypting only the first screen's accounts.
 */
const INDEX_KEY = 'vault:account-index';
const AUTO_LOCK_ALARM = 'auto-lock';
/**
 * Wrong master passwords since the last right one (lib/vault/unlock-backoff). In storage.local, so
 * neither a stopped service worker nor a browser restart starts the count again; no secret in it.
 */
const UNLOCK_FAILURES = 'vault:unlock-failures';

let database: Promise<VaultDb> | null = null;
let session: Promise<VaultSession | null> | null = null;
/**
 * Bumped by every lock(). An unlock or create notes it before its slow Argon2id step and parks the
 * key only if no lock() came in between: a Lock pressed, a screen locked or an auto-lock alarm fired
 * while the key was being derived must leave the vault locked.
 */
let lockGeneration = 0;

/**
 * The account index of a session opened at `generation`: a list read that ends after a lock (an
 * auto-lock during a long read) must not put the names back beside a key that is gone.
 */
const indexStore = (generation: number): IndexStore => ({
  save: async (index) => {
    if (generation === lockGeneration) await browser.storage.session.set({ [INDEX_KEY]: index });
  },
  drop: () => browser.storage.session.remove(INDEX_KEY),
});

export function vaultDb(): Promise<VaultDb> {
  database ??= openVaultDb(indexedDB);
  return database;
}

/** The unlocked vault, reopened from the parked key after the service worker was stopped; null when locked. */
export async function currentSession(): Promise<VaultSession | null> {
  session ??= (async () => {
    const generation = lockGeneration;
    const parked = (await browser.storage.session.get(PARKED_KEY))[PARKED_KEY];
    const rawKey = typeof parked === 'string' ? fromBase64(parked) : null;
    if (!rawKey) return null;
    try {
      const { policy } = await currentPolicy();
      return await openSession(await vaultDb(), rawKey, {
        recoveryWarnAt: policy.recoveryCodeWarningThreshold,
        // Read afresh at every write: a policy that changes while the vault is open applies at once.
        policy: async () => (await currentPolicy()).policy,
        index: indexStore(generation),
      });
    } catch (error) {
      // A key from a vault that was wiped or re-created since: that vault is gone, so lock.
      if (error instanceof VaultError && error.code === 'wrong-key') {
        await browser.storage.session.remove([PARKED_KEY, INDEX_KEY]);
        return null;
      }
      throw error;
    }
  })();
  const result = await session.catch((error: unknown) => {
    session = null;
    throw error;
  });
  if (result === null) session = null;
  return result;
}

/** The unlocked vault, or a typed `locked` error that the UI turns into the unlock screen. */
export async function requireSession(): Promise<VaultSession> {
  const open = await currentSession();
  if (!open) throw new VaultError('locked', 'The vault is locked. Unlock it with your master password.');
  await keepUnlocked();
  return open;
}

/**
 * The unlocked vault for a fill or an enrolment, or null when locked (the caller asks the user to
 * unlock). Like `requireSession`, a use: it restarts the auto-lock countdown. Code that only looks
 * (the toolbar icon) calls `currentSession`, which does not.
 */
export async function sessionForUse(): Promise<VaultSession | null> {
  const generation = lockGeneration;
  const open = await currentSession();
  // Locked while the session was being opened: it is locked, and no countdown is started again.
  if (!open || generation !== lockGeneration) return null;
  await keepUnlocked();
  return open;
}

export async function vaultState(): Promise<VaultState> {
  if ((await lockedOrEmpty()) === 'empty') return 'empty';
  return (await currentSession()) ? 'unlocked' : 'locked';
}

/** The account index the last full list left, as stored (the session checks it is its vault's). */
export async function savedAccountIndex(): Promise<unknown> {
  return (await browser.storage.session.get(INDEX_KEY))[INDEX_KEY];
}

/** Whether `open` is still the unlocked vault: no lock came while it was being read. */
export async function stillOpen(open: VaultSession): Promise<boolean> {
  return (await currentSession()) === open;
}

/** The state of a vault found not open: whether there is one to unlock. */
export async function lockedOrEmpty(): Promise<'locked' | 'empty'> {
  return (await vaultStatus(await vaultDb())) === 'empty' ? 'empty' : 'locked';
}

/** A lock came while the vault was being opened or read: it is locked now. */
export const lockedMeanwhile = (): VaultError =>
  new VaultError('locked', 'The vault was locked meanwhile. Unlock it again.');

/**
 * Keeps `rawKey` for the session, unless the vault was locked since `generation` was noted: then
 * the key is discarded and a `locked` error tells the caller the vault stays locked. Zeroes
 * `rawKey` either way.
 */
async function park(rawKey: Uint8Array, generation: number): Promise<void> {
  try {
    if (generation !== lockGeneration) throw lockedMeanwhile();
    await browser.storage.session.set({ [PARKED_KEY]: toBase64(rawKey) });
  } finally {
    rawKey.fill(0);
  }
  session = null;
  if (generation !== lockGeneration) {
    // lock() ran while the key was being stored: make sure it is gone, whichever write landed last.
    await browser.storage.session.remove(PARKED_KEY);
    throw lockedMeanwhile();
  }
  await keepUnlocked();
}

export async function create(password: string): Promise<void> {
  const generation = lockGeneration;
  await checkPasswordRules(password);
  await park(await createVault(await vaultDb(), password), generation);
  await browser.storage.local.remove(UNLOCK_FAILURES);
}

/** One password check at a time: guesses sent together wait for each other, and for the backoff. */
const passwordChecks = new SerialQueue();

/**
 * The vault's raw data key for `password`, behind the unlock backoff: after a few wrong passwords
 * each attempt waits longer (lib/vault/unlock-backoff), and the reply says how long. Every way of
 * trying a password (unlocking, changing it) comes through here. The caller zeroes the key.
 */
export function checkMasterPassword(password: string, options: UnlockOptions = {}): Promise<Uint8Array> {
  return passwordChecks.run('', async () => {
    const stored = (await browser.storage.local.get(UNLOCK_FAILURES))[UNLOCK_FAILURES];
    const failures = readUnlockFailures(stored, Date.now());
    const wait = unlockWaitMs(failures, Date.now());
    if (wait > 0) {
      const seconds = String(Math.ceil(wait / 1000));
      throw new VaultError(
        'unlock-throttled',
        `Too many wrong passwords. Wait ${seconds} seconds, then try again.`,
        [],
        [seconds],
      );
    }
    try {
      const rawKey = await unlockVault(await vaultDb(), password, options);
      if (failures !== null) await browser.storage.local.remove(UNLOCK_FAILURES);
      return rawKey;
    } catch (error) {
      if (error instanceof VaultError && error.code === 'wrong-password') {
        await browser.storage.local.set({ [UNLOCK_FAILURES]: afterUnlockFailure(failures, Date.now()) });
      }
      throw error;
    }
  });
}

export async function unlock(password: string): Promise<void> {
  const generation = lockGeneration;
  const { policy } = await currentPolicy();
  // A vault stored at less than today's default cost (made by an earlier version), or than the
  // administrator's minimum, is re-wrapped up to it as it opens.
  const minimumKdf = {
    memoryKiB: Math.max(DEFAULT_KDF_COST.memoryKiB, policy.kdfMinimumMemoryKiB ?? 0),
    iterations: Math.max(DEFAULT_KDF_COST.iterations, policy.kdfMinimumIterations ?? 0),
    parallelism: DEFAULT_KDF_COST.parallelism,
  };
  await park(await checkMasterPassword(password, { minimumKdf }), generation);
  // Passkeys added before the administrator forbade them stop working at once (they are refused
  // while forbidden); here, with the password proven, they go for good.
  if (policy.allowPasskeyUnlock === false) await removeAllPasskeySlots(await vaultDb());
  const fallback = kdfFallbackReason();
  if (fallback !== null) console.warn(`Argon2id runs in JavaScript, several times slower: ${fallback}`);
}

/**
 * Opens the vault with a passkey's PRF output for one of its slots. No backoff: the output is 256
 * bits from the authenticator, not something a person types or anyone can guess.
 */
export async function unlockWithPasskey(credentialId: Uint8Array, prf: Uint8Array): Promise<void> {
  const generation = lockGeneration;
  await park(await openWithPasskey(await vaultDb(), credentialId, prf), generation);
}

const lockListeners: (() => void)[] = [];

/** `listener` runs each time the vault is locked, by the user or automatically. */
export function onLocked(listener: () => void): void {
  lockListeners.push(listener);
}

export async function lock(): Promise<void> {
  lockGeneration += 1;
  session = null;
  await browser.storage.session.remove([PARKED_KEY, INDEX_KEY]);
  await browser.alarms.clear(AUTO_LOCK_ALARM);
  for (const listener of lockListeners) listener();
}

export async function wipe(): Promise<void> {
  await lock();
  await wipeVault(await vaultDb());
  // Nothing is left to guess at; the new vault's password starts with the free attempts.
  await browser.storage.local.remove(UNLOCK_FAILURES);
}

/** The administrator's rules for a new master password; a typed error the UI shows as it is. */
export async function checkPasswordRules(password: string): Promise<void> {
  const problem = passwordRuleProblem(password, (await currentPolicy()).policy);
  if (problem) throw PolicyError.of(problem);
}

/** The user's settings within the administrator's policy. */
export async function effectiveSettings(): Promise<EffectiveSettings> {
  const user = settingsWithDefaults(await getSettings(await vaultDb()));
  return applyPolicy(user, (await currentPolicy()).policy);
}

/** The settings that apply now. */
export async function userSettings(): Promise<UserSettings> {
  return (await effectiveSettings()).settings;
}

/** Every use of the unlocked vault restarts the auto-lock countdown. */
async function keepUnlocked(): Promise<void> {
  const { autoLockMinutes, lockOnIdle } = await userSettings();
  await browser.alarms.create(AUTO_LOCK_ALARM, { delayInMinutes: autoLockMinutes });
  // "Idle" means no input for the auto-lock time; Chrome counts it in seconds, at least 15.
  if (lockOnIdle) browser.idle.setDetectionInterval(Math.max(15, autoLockMinutes * 60));
}

/** Locks on the auto-lock alarm, and when the system locks (or goes idle, if the user asked for that). */
export function watchForLockEvents(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === AUTO_LOCK_ALARM) void lock();
  });
  browser.idle.onStateChanged.addListener(async (state) => {
    if (state === 'locked') return void lock();
    if (state === 'idle' && (await userSettings()).lockOnIdle) await lock();
  });
}

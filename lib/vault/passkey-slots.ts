import {
  aesKeyFromSecret,
  equalBytes,
  importAesKey,
  KEY_BYTES,
  open,
  randomBytes,
  seal,
  toBase64,
  utf8,
} from '../crypto';
import type { Clock } from '../otp';
import { VaultError } from './errors';
import { keyMatches, readMeta, requireMeta, sameWrap } from './meta';
import { META_KEY, type PasskeySlot, type VaultDb, type VaultMeta } from './schema';

const KEK_INFO = 'bitrix24-authenticator/passkey-kek/v1';
const WRAP_AAD_LABEL = 'bitrix24-authenticator/passkey-wrapped-key/v1';
/** Bytes of PRF input per slot, and of the PRF output WebAuthn gives (`prf.results.first`). */
export const PASSKEY_SALT_BYTES = 32;
export const PRF_OUTPUT_BYTES = 32;
/** WebAuthn credential ids are at most 1,023 bytes. */
export const MAX_CREDENTIAL_ID_BYTES = 1023;
/** A handful of devices per person; a ceiling keeps the header small. */
export const MAX_PASSKEYS = 10;
export const MAX_PASSKEY_LABEL = 64;

/** What the extension's pages may know of a slot: enough to ask the authenticator, nothing secret. */
export interface PasskeyInfo {
  /** The credential id, standard Base64. */
  id: string;
  /** The PRF input, standard Base64. */
  salt: string;
  label: string;
  addedAt: number;
}

export interface NewPasskey {
  credentialId: Uint8Array;
  salt: Uint8Array;
  /** The authenticator's PRF output for `salt`. */
  prf: Uint8Array;
  label: string;
}

/** Binds a wrap to its vault, credential and salt: a slot's bytes moved elsewhere stop opening. */
function wrapAad(vaultId: string, credentialId: Uint8Array, salt: Uint8Array): Uint8Array {
  return utf8(JSON.stringify([WRAP_AAD_LABEL, vaultId, toBase64(credentialId), toBase64(salt)]));
}

const kekFor = (prf: Uint8Array, salt: Uint8Array) => aesKeyFromSecret(prf, salt, KEK_INFO);

export function passkeysOf(meta: VaultMeta): PasskeyInfo[] {
  return (meta.passkeys ?? []).map(({ credentialId, salt, label, addedAt }) => ({
    id: toBase64(credentialId),
    salt: toBase64(salt),
    label,
    addedAt,
  }));
}

/** The vault's passkeys; none when there is no vault. */
export async function listPasskeys(db: VaultDb): Promise<PasskeyInfo[]> {
  const meta = await readMeta(db);
  return meta === null ? [] : passkeysOf(meta);
}

/** A fresh PRF input for a passkey about to be added. */
export const newPasskeySalt = (): Uint8Array => randomBytes(PASSKEY_SALT_BYTES);

/**
 * Adds a copy of the data key under `passkey`'s PRF output. `rawKey` must be this vault's key (the
 * caller has just proven the master password). A passkey already added is replaced. The password
 * wrap is left as it is: a passkey is never the only way in.
 */
export async function addPasskeySlot(
  db: VaultDb,
  rawKey: Uint8Array,
  passkey: NewPasskey,
  clock: Clock = Date.now,
): Promise<void> {
  checkNewPasskey(passkey);
  const meta = await requireMeta(db);
  if (rawKey.length !== KEY_BYTES || !(await keyMatches(await importAesKey(rawKey), meta))) {
    throw new VaultError('wrong-key', 'The saved unlock key does not belong to this vault. Unlock the vault again.');
  }
  const sealed = await seal(
    await kekFor(passkey.prf, passkey.salt),
    rawKey,
    wrapAad(meta.vaultId, passkey.credentialId, passkey.salt),
  );
  const slot: PasskeySlot = {
    credentialId: passkey.credentialId,
    salt: passkey.salt,
    wrappedKey: { iv: sealed.iv, data: sealed.ciphertext },
    label: passkey.label.trim(),
    addedAt: clock(),
  };
  await updateSlots(db, meta, (slots) => {
    const others = slots.filter((other) => !equalBytes(other.credentialId, passkey.credentialId));
    if (others.length >= MAX_PASSKEYS) {
      throw new VaultError(
        'too-many-passkeys',
        `A vault keeps at most ${MAX_PASSKEYS} passkeys. Remove one first.`,
        [],
        [String(MAX_PASSKEYS)],
      );
    }
    return [...others, slot];
  });
}

/** Removes the passkey's slot; whether there was one. The passkey itself stays on its device. */
export async function removePasskeySlot(db: VaultDb, credentialId: Uint8Array): Promise<boolean> {
  const meta = await requireMeta(db);
  const slots = meta.passkeys ?? [];
  if (!slots.some((slot) => equalBytes(slot.credentialId, credentialId))) return false;
  await updateSlots(db, meta, (current) => current.filter((slot) => !equalBytes(slot.credentialId, credentialId)));
  return true;
}

/** Removes every passkey slot (the administrator forbade passkey unlock); whether there were any. */
export async function removeAllPasskeySlots(db: VaultDb): Promise<boolean> {
  const meta = await requireMeta(db);
  if ((meta.passkeys ?? []).length === 0) return false;
  await updateSlots(db, meta, () => []);
  return true;
}

/**
 * The raw data key from a passkey's PRF output. Throws `passkey-refused` when the credential has no
 * slot here or its output does not open the slot (another authenticator, a forged answer).
 */
export async function unlockWithPasskey(db: VaultDb, credentialId: Uint8Array, prf: Uint8Array): Promise<Uint8Array> {
  const meta = await requireMeta(db);
  const slot = (meta.passkeys ?? []).find((candidate) => equalBytes(candidate.credentialId, credentialId));
  if (slot === undefined || prf.length !== PRF_OUTPUT_BYTES) throw passkeyRefused();
  const raw = await open(
    await kekFor(prf, slot.salt),
    { iv: slot.wrappedKey.iv, ciphertext: slot.wrappedKey.data },
    wrapAad(meta.vaultId, slot.credentialId, slot.salt),
  );
  if (raw === null || raw.length !== KEY_BYTES) throw passkeyRefused();
  return raw;
}

export function isPasskeySlot(value: unknown): value is PasskeySlot {
  if (typeof value !== 'object' || value === null) return false;
  const { credentialId, salt, wrappedKey, label, addedAt } = value as Record<string, unknown>;
  if (typeof wrappedKey !== 'object' || wrappedKey === null) return false;
  const { iv, data } = wrappedKey as Record<string, unknown>;
  return (
    credentialId instanceof Uint8Array &&
    credentialId.length > 0 &&
    credentialId.length <= MAX_CREDENTIAL_ID_BYTES &&
    salt instanceof Uint8Array &&
    salt.length === PASSKEY_SALT_BYTES &&
    iv instanceof Uint8Array &&
    data instanceof Uint8Array &&
    typeof label === 'string' &&
    label.length <= MAX_PASSKEY_LABEL &&
    typeof addedAt === 'number'
  );
}

function checkNewPasskey({ credentialId, salt, prf, label }: NewPasskey): void {
  const bad =
    credentialId.length === 0 ||
    credentialId.length > MAX_CREDENTIAL_ID_BYTES ||
    salt.length !== PASSKEY_SALT_BYTES ||
    prf.length !== PRF_OUTPUT_BYTES ||
    label.trim() === '' ||
    label.trim().length > MAX_PASSKEY_LABEL;
  if (bad) throw new VaultError('invalid-passkey', 'This passkey’s answer cannot be used to unlock the vault.');
}

/**
 * Replaces the slot list in one transaction, only if the header is still the one read (no password
 * change or other slot change came in between); all crypto is done before, as IndexedDB ends a
 * transaction that waits on anything else.
 */
async function updateSlots(db: VaultDb, read: VaultMeta, change: (slots: PasskeySlot[]) => PasskeySlot[]) {
  const next = change([...(read.passkeys ?? [])]);
  const tx = db.transaction('meta', 'readwrite');
  const current = await tx.store.get(META_KEY);
  const unchanged = current !== undefined && sameWrap(current, read) && sameSlots(current, read);
  if (unchanged) await tx.store.put({ ...current, passkeys: next }, META_KEY);
  await tx.done;
  if (!unchanged) {
    throw new VaultError(
      'conflict',
      'The vault changed while its passkeys were being changed. Nothing was changed; try again.',
    );
  }
}

function sameSlots(a: VaultMeta, b: VaultMeta): boolean {
  const left = a.passkeys ?? [];
  const right = b.passkeys ?? [];
  return (
    left.length === right.length && left.every((slot, i) => equalBytes(slot.wrappedKey.iv, right[i]!.wrappedKey.iv))
  );
}

const passkeyRefused = (): VaultError =>
  new VaultError('passkey-refused', 'This passkey does not unlock this vault. Use your master password.');

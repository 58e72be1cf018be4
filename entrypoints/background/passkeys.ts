import { fromBase64 } from '@/lib/crypto';
import { PolicyError } from '@/lib/policy';
import { addPasskeySlot, listPasskeys, removePasskeySlot, VaultError } from '@/lib/vault';
import { currentPolicy } from './policy-source';
import type { BackgroundHandlers } from './senders';
import * as keeper from './vault-keeper';

const passkeysAllowed = async () => (await currentPolicy()).policy.allowPasskeyUnlock !== false;

async function forbidUnlessAllowed(): Promise<void> {
  if (!(await passkeysAllowed()))
    throw new PolicyError('passkeys-disabled', 'Your organization does not allow unlocking the vault with a passkey.');
}

function bytes(base64: string): Uint8Array {
  const decoded = fromBase64(base64);
  if (decoded === null)
    throw new VaultError('invalid-passkey', 'This passkey’s answer cannot be used to unlock the vault.');
  return decoded;
}

/** Passkey unlock (lib/vault/passkey-slots), for the extension's pages; the dispatcher checked the sender. */
export const passkeyHandlers = {
  'passkey-list': async () => {
    if (!(await passkeysAllowed())) return { ok: true, allowed: false, passkeys: [] };
    return { ok: true, allowed: true, passkeys: await listPasskeys(await keeper.vaultDb()) };
  },
  'passkey-add': async ({ password, credentialId, salt, prf, label }) => {
    await forbidUnlessAllowed();
    await keeper.requireSession();
    // Someone at an unlocked browser cannot add their own way in without the master password.
    const rawKey = await keeper.checkMasterPassword(password);
    try {
      await addPasskeySlot(await keeper.vaultDb(), rawKey, {
        credentialId: bytes(credentialId),
        salt: bytes(salt),
        prf: bytes(prf),
        label,
      });
    } finally {
      rawKey.fill(0);
    }
    return { ok: true };
  },
  'passkey-remove': async ({ credentialId }) => {
    await keeper.requireSession();
    await removePasskeySlot(await keeper.vaultDb(), bytes(credentialId));
    return { ok: true };
  },
  'vault-unlock-passkey': async ({ credentialId, prf }) => {
    await forbidUnlessAllowed();
    await keeper.unlockWithPasskey(bytes(credentialId), bytes(prf));
    return { ok: true };
  },
} satisfies Partial<BackgroundHandlers>;

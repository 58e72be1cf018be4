import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../../lib/crypto';
import {
  MAX_PASSKEYS,
  addPasskeySlot,
  changePassword,
  createVault,
  listPasskeys,
  newPasskeySalt,
  removePasskeySlot,
  unlockVault,
  unlockWithPasskey,
  type NewPasskey,
  type VaultDb,
} from '../../../lib/vault';
import { META_KEY } from '../../../lib/vault/schema';
import { PASSWORD, TEST_KDF, errorCode, freshDb } from './helpers';

const passkey = (label = 'Laptop'): NewPasskey => ({
  credentialId: randomBytes(16),
  salt: newPasskeySalt(),
  prf: randomBytes(32),
  label,
});

async function vaultWithPasskey(): Promise<{ db: VaultDb; rawKey: Uint8Array; key: NewPasskey }> {
  const db = await freshDb();
  const rawKey = await createVault(db, PASSWORD, TEST_KDF);
  const key = passkey();
  await addPasskeySlot(db, rawKey, key, () => 1_700_000_000_000);
  return { db, rawKey, key };
}

describe('a passkey slot', () => {
  it('opens the vault with the passkey’s PRF output: the same data key as the password', async () => {
    const { db, rawKey, key } = await vaultWithPasskey();
    expect(await unlockWithPasskey(db, key.credentialId, key.prf)).toEqual(rawKey);
    expect(await unlockVault(db, PASSWORD)).toEqual(rawKey);
    expect(await listPasskeys(db)).toEqual([
      {
        id: expect.any(String),
        salt: expect.any(String),
        label: 'Laptop',
        addedAt: 1_700_000_000_000,
      },
    ]);
  });

  it('refuses another output, a credential it does not hold, and an output of the wrong length', async () => {
    const { db, key } = await vaultWithPasskey();
    expect(await errorCode(unlockWithPasskey(db, key.credentialId, randomBytes(32)))).toBe('passkey-refused');
    expect(await errorCode(unlockWithPasskey(db, randomBytes(16), key.prf))).toBe('passkey-refused');
    expect(await errorCode(unlockWithPasskey(db, key.credentialId, key.prf.subarray(0, 31)))).toBe('passkey-refused');
  });

  it('is bound to its vault, credential and salt: moved or altered, it stops opening', async () => {
    const { db, key } = await vaultWithPasskey();
    const meta = (await db.get('meta', META_KEY))!;
    const slot = meta.passkeys![0]!;
    // The slot relabelled to another credential id the attacker controls.
    const otherId = randomBytes(16);
    await db.put('meta', { ...meta, passkeys: [{ ...slot, credentialId: otherId }] }, META_KEY);
    expect(await errorCode(unlockWithPasskey(db, otherId, key.prf))).toBe('passkey-refused');
    // Its salt swapped.
    await db.put('meta', { ...meta, passkeys: [{ ...slot, salt: newPasskeySalt() }] }, META_KEY);
    expect(await errorCode(unlockWithPasskey(db, key.credentialId, key.prf))).toBe('passkey-refused');
    // Copied into another vault.
    const other = await freshDb();
    await createVault(other, PASSWORD, TEST_KDF);
    const otherMeta = (await other.get('meta', META_KEY))!;
    await other.put('meta', { ...otherMeta, passkeys: [slot] }, META_KEY);
    expect(await errorCode(unlockWithPasskey(other, key.credentialId, key.prf))).toBe('passkey-refused');
    // The control: the slot as it was opens again.
    await db.put('meta', meta, META_KEY);
    expect(await unlockWithPasskey(db, key.credentialId, key.prf)).toHaveLength(32);
  });

  it('survives a change of master password, which leaves it as it was', async () => {
    const { db, rawKey, key } = await vaultWithPasskey();
    await changePassword(db, rawKey, 'a new master password', TEST_KDF);
    expect(await unlockWithPasskey(db, key.credentialId, key.prf)).toEqual(rawKey);
    expect(await errorCode(unlockVault(db, PASSWORD))).toBe('wrong-password');
  });

  it('once removed, no longer opens the vault; the password still does', async () => {
    const { db, rawKey, key } = await vaultWithPasskey();
    expect(await removePasskeySlot(db, key.credentialId)).toBe(true);
    expect(await removePasskeySlot(db, key.credentialId)).toBe(false);
    expect(await errorCode(unlockWithPasskey(db, key.credentialId, key.prf))).toBe('passkey-refused');
    expect(await listPasskeys(db)).toEqual([]);
    expect(await unlockVault(db, PASSWORD)).toEqual(rawKey);
  });

  it('needs this vault’s data key to be added', async () => {
    const db = await freshDb();
    await createVault(db, PASSWORD, TEST_KDF);
    expect(await errorCode(addPasskeySlot(db, randomBytes(32), passkey()))).toBe('wrong-key');
    expect(await listPasskeys(db)).toEqual([]);
  });

  it('refuses answers of the wrong shape, and more than the most it keeps', async () => {
    const { db, rawKey } = await vaultWithPasskey();
    expect(await errorCode(addPasskeySlot(db, rawKey, { ...passkey(), prf: randomBytes(16) }))).toBe('invalid-passkey');
    expect(await errorCode(addPasskeySlot(db, rawKey, { ...passkey(), label: '  ' }))).toBe('invalid-passkey');
    expect(await errorCode(addPasskeySlot(db, rawKey, { ...passkey(), credentialId: new Uint8Array() }))).toBe(
      'invalid-passkey',
    );
    for (let i = 1; i < MAX_PASSKEYS; i++) await addPasskeySlot(db, rawKey, passkey(`Key ${i}`));
    expect(await errorCode(addPasskeySlot(db, rawKey, passkey('One too many')))).toBe('too-many-passkeys');
    expect(await listPasskeys(db)).toHaveLength(MAX_PASSKEYS);
  });

  it('the same passkey added again replaces its slot', async () => {
    const { db, rawKey, key } = await vaultWithPasskey();
    const again = { ...key, salt: newPasskeySalt(), prf: randomBytes(32), label: 'Laptop again' };
    await addPasskeySlot(db, rawKey, again);
    expect((await listPasskeys(db)).map(({ label }) => label)).toEqual(['Laptop again']);
    expect(await unlockWithPasskey(db, key.credentialId, again.prf)).toEqual(rawKey);
  });

  it('a damaged slot makes the header corrupt, not a way around it', async () => {
    const { db, key } = await vaultWithPasskey();
    const meta = (await db.get('meta', META_KEY))!;
    await db.put(
      'meta',
      { ...meta, passkeys: [{ ...meta.passkeys![0]!, salt: 'AAAA' as unknown as Uint8Array }] },
      META_KEY,
    );
    expect(await errorCode(unlockWithPasskey(db, key.credentialId, key.prf))).toBe('corrupt-vault');
  });
});

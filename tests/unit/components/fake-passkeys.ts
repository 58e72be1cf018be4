import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { PasskeyAnswer, PasskeyPort } from '@/components/shared/passkey-port';
import { fromBase64, randomBytes, toBase64 } from '@/lib/crypto';
import type { PasskeyInfo } from '@/lib/vault/passkey-slots';

/**
 * An authenticator as WebAuthn's PRF extension behaves: each passkey holds a secret, and its PRF
 * output for a salt is HMAC-SHA-256(secret, salt) (as CTAP2's hmac-secret, in spirit). The user
 * "touches" whichever of the asked passkeys it holds; `answer` makes them cancel or lack PRF.
 */
export class FakeAuthenticator implements PasskeyPort {
  readonly available: boolean;
  readonly #secrets = new Map<string, Uint8Array>();
  answer: 'touch' | 'cancel' | 'no-prf' = 'touch';
  readonly created: { name: string; id: string }[] = [];

  constructor({ available = true } = {}) {
    this.available = available;
  }

  /** The PRF output a passkey here gives for `salt`. */
  prfOf(id: string, salt: string): string {
    return toBase64(hmac(sha256, this.#secrets.get(id)!, fromBase64(salt)!));
  }

  forget(id: string): void {
    this.#secrets.delete(id);
  }

  async create(salt: string, name: string): Promise<PasskeyAnswer> {
    if (!this.available) return { ok: false, code: 'passkey-unavailable', message: '' };
    if (this.answer === 'cancel') return { ok: false, code: 'passkey-cancelled', message: '' };
    if (this.answer === 'no-prf') return { ok: false, code: 'passkey-no-prf', message: '' };
    const id = toBase64(randomBytes(16));
    this.#secrets.set(id, randomBytes(32));
    this.created.push({ name, id });
    return { ok: true, credentialId: id, prf: this.prfOf(id, salt) };
  }

  async evaluate(passkeys: readonly PasskeyInfo[]): Promise<PasskeyAnswer> {
    if (!this.available) return { ok: false, code: 'passkey-unavailable', message: '' };
    const held = passkeys.find(({ id }) => this.#secrets.has(id));
    if (this.answer === 'cancel' || held === undefined) return { ok: false, code: 'passkey-cancelled', message: '' };
    return { ok: true, credentialId: held.id, prf: this.prfOf(held.id, held.salt) };
  }
}

import type { PasskeyAnswer, PasskeyPort } from '@/components/shared/passkey-port';
import { fromBase64, toBase64 } from '@/lib/crypto/base64';
import { randomBytes } from '@/lib/crypto/bytes';
import type { PasskeyInfo } from '@/lib/vault/passkey-slots';

const TIMEOUT_MS = 120_000;
const failure = (code: 'passkey-cancelled' | 'passkey-no-prf' | 'passkey-unavailable', message: string) =>
  ({ ok: false, code, message }) as const;
const CANCELLED = failure('passkey-cancelled', 'The passkey was not used.');
const NO_PRF = failure('passkey-no-prf', 'This passkey or browser does not support the PRF extension.');
const UNAVAILABLE = failure('passkey-unavailable', 'This browser does not let the extension use passkeys.');

const bytes = (base64: string): Uint8Array<ArrayBuffer> => new Uint8Array(fromBase64(base64) ?? []);
const base64Url = (base64: string) => base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const base64Of = (buffer: BufferSource) =>
  toBase64(
    buffer instanceof ArrayBuffer
      ? new Uint8Array(buffer)
      : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
  );

/**
 * Firefox lets an extension's pages use WebAuthn only for the domain of a host permission, which
 * would share the passkey with that web site (see docs/security.md): not offered there.
 */
const available = import.meta.env.BROWSER !== 'firefox' && typeof PublicKeyCredential === 'function';

function refusal(error: unknown): PasskeyAnswer {
  const name = error instanceof DOMException ? error.name : '';
  // NotAllowedError covers a cancelled prompt, a timeout and a passkey that is not on this device:
  // WebAuthn does not tell them apart, on purpose.
  if (name === 'NotAllowedError' || name === 'AbortError' || name === 'InvalidStateError') return CANCELLED;
  return UNAVAILABLE;
}

function answer(credential: PublicKeyCredential, first: BufferSource | undefined): PasskeyAnswer {
  if (first === undefined) return NO_PRF;
  return { ok: true, credentialId: toBase64(new Uint8Array(credential.rawId)), prf: base64Of(first) };
}

async function evaluate(passkeys: readonly PasskeyInfo[]): Promise<PasskeyAnswer> {
  if (!available) return UNAVAILABLE;
  try {
    const credential = (await navigator.credentials.get({
      publicKey: {
        // No server checks the assertion: what opens the vault is the PRF output, which only the
        // authenticator holding the passkey can produce. The challenge is random all the same.
        challenge: randomBytes(32),
        allowCredentials: passkeys.map(({ id }) => ({ type: 'public-key', id: bytes(id) })),
        userVerification: 'required',
        timeout: TIMEOUT_MS,
        extensions: {
          prf: {
            evalByCredential: Object.fromEntries(
              passkeys.map(({ id, salt }) => [base64Url(id), { first: bytes(salt) }]),
            ),
          },
        },
      },
    })) as PublicKeyCredential | null;
    if (credential === null) return CANCELLED;
    return answer(credential, credential.getClientExtensionResults().prf?.results?.first);
  } catch (error) {
    return refusal(error);
  }
}

async function create(salt: string, name: string): Promise<PasskeyAnswer> {
  if (!available) return UNAVAILABLE;
  let credential: PublicKeyCredential | null;
  try {
    credential = (await navigator.credentials.create({
      publicKey: {
        // No rp.id: the passkey belongs to this extension's own origin, and no web site can ask for it.
        rp: { name: 'Bitrix24 Authenticator' },
        user: { id: randomBytes(16), name, displayName: name },
        challenge: randomBytes(32),
        pubKeyCredParams: [
          { type: 'public-key', alg: -7 },
          { type: 'public-key', alg: -257 },
        ],
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
        timeout: TIMEOUT_MS,
        extensions: { prf: { eval: { first: bytes(salt) } } },
      },
    })) as PublicKeyCredential | null;
  } catch (error) {
    return refusal(error);
  }
  if (credential === null) return CANCELLED;
  const prf = credential.getClientExtensionResults().prf;
  if (prf?.enabled !== true && prf?.results === undefined) return NO_PRF;
  if (prf.results?.first !== undefined) return answer(credential, prf.results.first);
  // Most authenticators evaluate the PRF only when asked for an assertion: one more touch.
  const id = toBase64(new Uint8Array(credential.rawId));
  return evaluate([{ id, salt, label: name, addedAt: 0 }]);
}

export const passkeyPrompt: PasskeyPort = { available, create, evaluate };

import type { PasskeyInfo } from '@/lib/vault/passkey-slots';
import type { Result } from '@/lib/result';

/** A passkey's answer: its credential id and its PRF output for the salt asked, standard Base64. */
export type PasskeyAnswer = Result<{ credentialId: string; prf: string }>;

/**
 * The browser's passkey prompt (WebAuthn with the PRF extension), as the popup and options page
 * use it; `entrypoints/shared/passkey-prompt.ts` provides it. Failures carry the codes of
 * `PasskeyFailureCode` (lib/failure-text).
 */
export interface PasskeyPort {
  /** false: this browser does not let an extension's own pages use passkeys. */
  readonly available: boolean;
  /** Creates a passkey named `name` and evaluates its PRF at `salt` (Base64). */
  create(salt: string, name: string): Promise<PasskeyAnswer>;
  /** Asks for one of `passkeys` and evaluates its PRF at that passkey's own salt. */
  evaluate(passkeys: readonly PasskeyInfo[]): Promise<PasskeyAnswer>;
}

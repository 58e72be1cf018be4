import { encryptBackup } from '@/lib/backup';

/**
 * A backup "made elsewhere": the public format, written by whoever knows its `password`, holding one
 * TOTP account (mallory's, of `secret`) bound to `origin`, and `settings`. Restoring it is an attack
 * on the policy's ways into the vault (tests/unit/background/protection.test.ts,
 * tests/e2e/attacks/policy-bypass.test.ts). Argon2id at test cost (../vault/helpers' TEST_KDF).
 */
export function backupMadeElsewhere(options: {
  secret: string;
  origin: string;
  password: string;
  settings?: Record<string, unknown>;
}): Promise<string> {
  return encryptBackup(
    {
      accounts: [
        {
          id: 'planted',
          type: 'totp',
          secret: options.secret,
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
          counter: 0,
          issuer: 'evil',
          label: 'mallory',
          origins: [options.origin],
        },
      ],
      recoveryCodes: [],
      settings: options.settings ?? {},
      exportedAt: Date.now(),
    },
    options.password,
    { kdf: { memoryKiB: 256, iterations: 1, parallelism: 1 }, allowWeakKdfForTesting: true },
  );
}

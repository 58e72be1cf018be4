import { ImportError } from '../../errors';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** What Aegis itself uses (docs/vault.md in the Aegis repository). */
export const AEGIS_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

// A hostile file could ask for gigabytes or minutes of scrypt. These allow 16 times Aegis' own
// cost, which no phone could have produced, and keep memory at most 256 MiB.
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;
const MAX_WORK = 16 * AEGIS_SCRYPT.N * AEGIS_SCRYPT.r * AEGIS_SCRYPT.p;

/** Validates scrypt parameters read from a file. Throws `ImportError('unsafe-parameters')`. */
export function checkScryptParams(N: unknown, r: unknown, p: unknown): ScryptParams {
  const valid =
    Number.isSafeInteger(N) &&
    Number.isSafeInteger(r) &&
    Number.isSafeInteger(p) &&
    (N as number) >= 2 &&
    ((N as number) & ((N as number) - 1)) === 0 &&
    (r as number) >= 1 &&
    (p as number) >= 1;
  if (!valid) throw new ImportError('corrupt', "The vault's password settings are damaged.");
  const params = { N: N as number, r: r as number, p: p as number };
  if (128 * params.N * params.r > MAX_MEMORY_BYTES || params.N * params.r * params.p > MAX_WORK) {
    throw new ImportError(
      'unsafe-parameters',
      'The vault asks for far more work to check the password than Aegis ever uses, so it was not opened. Export it again from Aegis.',
    );
  }
  return params;
}

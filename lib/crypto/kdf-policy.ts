import { KdfError } from './errors';

/** Argon2id cost: memory in KiB, passes over it, and lanes. */
export interface KdfCost {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/**
 * OWASP's minimum for Argon2id (m = 19 MiB, t = 2, p = 1): the floor, below which nothing new is
 * derived, and the cost of vaults made before the default below (they are re-wrapped at unlock).
 */
export const KDF_FLOOR: Readonly<KdfCost> = Object.freeze({ memoryKiB: 19_456, iterations: 2, parallelism: 1 });

/**
 * What new vaults and backups use, and what an older vault is raised to as it unlocks: Bitwarden's
 * default (m = 64 MiB, t = 3, p = 4), five times the floor's work, about a quarter second in
 * WebAssembly here (kdf.ts), paid once per unlock and by an offline attacker per guess.
 */
export const DEFAULT_KDF_COST: Readonly<KdfCost> = Object.freeze({ memoryKiB: 65_536, iterations: 3, parallelism: 4 });

/**
 * Upper bounds for any cost we run, whoever asked for it. A stored vault or a backup file names
 * its own cost, so a hostile one could otherwise make the browser allocate gigabytes or spin for
 * minutes. 256 MiB and a work budget of about five times the default keep the worst case to a few
 * seconds in WebAssembly (tens in the JavaScript fallback), while leaving room for an
 * administrator's 256 MiB at the default's three passes and more.
 */
export const MAX_KDF_MEMORY_KIB = 262_144;
export const MAX_KDF_ITERATIONS = 16;
export const MAX_KDF_PARALLELISM = 4;
/** memoryKiB × iterations: what the time of one derivation grows with. */
export const MAX_KDF_WORK = 4 * MAX_KDF_MEMORY_KIB;

/** How callers pick a cost. The floor is enforced here and nowhere else. */
export interface KdfOptions {
  /** Cost to use; unset fields take the default. Refused below `KDF_FLOOR`. */
  kdf?: Partial<KdfCost> | undefined;
  /**
   * Lets `kdf` go below the floor. Only for tests, which cannot spend a quarter second per unlock;
   * production code never sets it.
   */
  allowWeakKdfForTesting?: boolean | undefined;
}

/** The cost to derive a new key with: `options.kdf` over `base` (the default), within bounds and at least the floor. */
export function chooseKdfCost(options: KdfOptions = {}, base: Readonly<KdfCost> = DEFAULT_KDF_COST): KdfCost {
  const cost: KdfCost = {
    memoryKiB: options.kdf?.memoryKiB ?? base.memoryKiB,
    iterations: options.kdf?.iterations ?? base.iterations,
    parallelism: options.kdf?.parallelism ?? base.parallelism,
  };
  const problem = kdfCostProblem(cost);
  if (problem !== null) throw new KdfError(problem.code, problem.message);
  if (options.allowWeakKdfForTesting !== true && isWeaker(cost, KDF_FLOOR)) {
    throw new KdfError(
      'kdf-too-weak',
      `Key derivation needs at least ${KDF_FLOOR.memoryKiB} KiB of memory and ${KDF_FLOOR.iterations} iterations.`,
    );
  }
  return cost;
}

/** Why a cost cannot be run, or `null` when it can. Used for costs read from storage and files too. */
export function kdfCostProblem(cost: KdfCost): { code: 'kdf-invalid' | 'kdf-too-costly'; message: string } | null {
  const { memoryKiB, iterations, parallelism } = cost;
  if (![memoryKiB, iterations, parallelism].every((n) => Number.isSafeInteger(n) && n >= 1)) {
    return { code: 'kdf-invalid', message: 'Key derivation parameters must be whole numbers from 1.' };
  }
  if (
    memoryKiB > MAX_KDF_MEMORY_KIB ||
    iterations > MAX_KDF_ITERATIONS ||
    parallelism > MAX_KDF_PARALLELISM ||
    memoryKiB * iterations > MAX_KDF_WORK
  ) {
    return {
      code: 'kdf-too-costly',
      message: `Key derivation parameters are beyond what this extension runs (at most ${MAX_KDF_MEMORY_KIB / 1024} MiB, ${MAX_KDF_ITERATIONS} iterations, ${MAX_KDF_PARALLELISM} lanes).`,
    };
  }
  // Argon2 needs 8 KiB per lane at the very least (RFC 9106).
  if (memoryKiB < 8 * parallelism) {
    return { code: 'kdf-invalid', message: 'Key derivation needs at least 8 KiB of memory per lane.' };
  }
  return null;
}

/** Parallelism is not compared: more lanes over the same memory do not make guessing dearer. */
export function isWeaker(cost: KdfCost, minimum: KdfCost): boolean {
  return cost.memoryKiB < minimum.memoryKiB || cost.iterations < minimum.iterations;
}

/** The smallest cost that is at least both: raising one field never lowers another. */
export function strongerOf(a: KdfCost, b: KdfCost): KdfCost {
  return {
    memoryKiB: Math.max(a.memoryKiB, b.memoryKiB),
    iterations: Math.max(a.iterations, b.iterations),
    parallelism: Math.max(a.parallelism, b.parallelism),
  };
}

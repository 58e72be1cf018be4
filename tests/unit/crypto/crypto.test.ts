import { describe, expect, it } from 'vitest';
import {
  chooseKdfCost,
  DEFAULT_KDF_COST,
  KDF_FLOOR,
  fromBase64,
  toBase64,
  deriveKey,
  equalBytes,
  importAesKey,
  isWeaker,
  KdfError,
  kdfCostProblem,
  open,
  randomBytes,
  seal,
  sealWithIv,
  strongerOf,
  utf8,
} from '../../../lib/crypto';

const SMALL = { algorithm: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 } as const;

describe('AES-256-GCM', () => {
  it('round-trips, with a fresh 96-bit IV each time', async () => {
    const key = await importAesKey(randomBytes(32));
    const a = await seal(key, utf8('secret'), utf8('aad'));
    const b = await seal(key, utf8('secret'), utf8('aad'));
    expect(a.iv.length).toBe(12);
    expect(a.iv).not.toEqual(b.iv);
    expect(a.ciphertext.length).toBe(6 + 16);
    expect(new TextDecoder().decode((await open(key, a, utf8('aad'))) ?? new Uint8Array())).toBe('secret');
  });

  it('returns null for another key, other associated data, or any flipped bit', async () => {
    const key = await importAesKey(randomBytes(32));
    const sealed = await seal(key, utf8('secret'), utf8('aad'));
    expect(await open(await importAesKey(randomBytes(32)), sealed, utf8('aad'))).toBeNull();
    expect(await open(key, sealed, utf8('aae'))).toBeNull();
    for (let i = 0; i < sealed.ciphertext.length; i++) {
      const ciphertext = new Uint8Array(sealed.ciphertext);
      ciphertext[i] = (ciphertext[i] ?? 0) ^ 0x80;
      expect(await open(key, { iv: sealed.iv, ciphertext }, utf8('aad'))).toBeNull();
    }
    expect(await open(key, { iv: sealed.iv.subarray(0, 8), ciphertext: sealed.ciphertext }, utf8('aad'))).toBeNull();
    expect(await open(key, { iv: sealed.iv, ciphertext: new Uint8Array(5) }, utf8('aad'))).toBeNull();
  });

  it('keys are not extractable', async () => {
    const key = await importAesKey(randomBytes(32));
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
  });

  it('accepts only 256-bit keys and 96-bit IVs', async () => {
    await expect(importAesKey(randomBytes(16))).rejects.toThrow(RangeError);
    const key = await importAesKey(randomBytes(32));
    await expect(sealWithIv(key, randomBytes(16), utf8('x'), utf8(''))).rejects.toThrow(RangeError);
  });
});

describe('Argon2id', () => {
  it('is deterministic for the same password, salt and cost, and differs otherwise', async () => {
    const salt = randomBytes(16);
    const key = await deriveKey('pw', { ...SMALL, salt });
    expect(key.length).toBe(32);
    expect(await deriveKey('pw', { ...SMALL, salt })).toEqual(key);
    expect(await deriveKey('pw2', { ...SMALL, salt })).not.toEqual(key);
    expect(await deriveKey('pw', { ...SMALL, salt: randomBytes(16) })).not.toEqual(key);
    expect(await deriveKey('pw', { ...SMALL, iterations: 2, salt })).not.toEqual(key);
  });

  it('matches the reference implementation (argon2-cffi / phc-winner-argon2 test vector)', async () => {
    // `echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1 -l 32 -r` (phc-winner-argon2's test.sh).
    const key = await deriveKey('password', {
      algorithm: 'argon2id',
      memoryKiB: 65_536,
      iterations: 2,
      parallelism: 1,
      salt: utf8('somesalt'),
    });
    expect(Buffer.from(key).toString('hex')).toBe('09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7');
  });

  it('refuses out-of-bounds costs before allocating anything', async () => {
    const started = Date.now();
    const error = await deriveKey('pw', { ...SMALL, memoryKiB: 8 * 1024 * 1024, salt: randomBytes(16) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KdfError);
    expect(error).toMatchObject({ code: 'kdf-too-costly' });
    expect(Date.now() - started).toBeLessThan(200);
    await expect(deriveKey('pw', { ...SMALL, salt: new Uint8Array(4) })).rejects.toMatchObject({ code: 'kdf-invalid' });
  });
});

describe('the key-derivation floor and bounds', () => {
  it('defaults to m = 64 MiB, t = 3, p = 4 (Bitwarden’s), and keeps OWASP’s m = 19 MiB, t = 2 as the floor', () => {
    expect(chooseKdfCost()).toEqual({ memoryKiB: 65_536, iterations: 3, parallelism: 4 });
    expect(chooseKdfCost({ kdf: { memoryKiB: 131_072 } })).toEqual({
      memoryKiB: 131_072,
      iterations: 3,
      parallelism: 4,
    });
    expect(chooseKdfCost({ kdf: { memoryKiB: 19_456, iterations: 2, parallelism: 1 } })).toEqual(KDF_FLOOR);
  });

  it('refuses weaker than the floor unless the test-only override is set', () => {
    expect(() => chooseKdfCost({ kdf: { memoryKiB: 1024 } })).toThrow(KdfError);
    expect(() => chooseKdfCost({ kdf: { iterations: 1 } })).toThrow(/at least 19456 KiB/);
    expect(chooseKdfCost({ kdf: { memoryKiB: 1024, iterations: 1 }, allowWeakKdfForTesting: true })).toEqual({
      memoryKiB: 1024,
      iterations: 1,
      parallelism: 4,
    });
  });

  it('bounds memory, iterations, lanes and total work, whoever asks', () => {
    expect(kdfCostProblem(DEFAULT_KDF_COST)).toBeNull();
    expect(kdfCostProblem({ memoryKiB: 262_144, iterations: 4, parallelism: 4 })).toBeNull();
    for (const cost of [
      { memoryKiB: 262_145, iterations: 1, parallelism: 1 },
      { memoryKiB: 19_456, iterations: 17, parallelism: 1 },
      { memoryKiB: 19_456, iterations: 2, parallelism: 5 },
      { memoryKiB: 262_144, iterations: 5, parallelism: 1 },
    ]) {
      expect(kdfCostProblem(cost)?.code).toBe('kdf-too-costly');
    }
    for (const cost of [
      { memoryKiB: 0, iterations: 1, parallelism: 1 },
      { memoryKiB: 1.5, iterations: 1, parallelism: 1 },
      { memoryKiB: 15, iterations: 1, parallelism: 2 },
      { memoryKiB: Number.NaN, iterations: 1, parallelism: 1 },
    ]) {
      expect(kdfCostProblem(cost)?.code).toBe('kdf-invalid');
    }
  });

  it('compares and combines costs', () => {
    expect(isWeaker({ memoryKiB: 1024, iterations: 3, parallelism: 1 }, KDF_FLOOR)).toBe(true);
    expect(isWeaker({ memoryKiB: 65_536, iterations: 2, parallelism: 1 }, KDF_FLOOR)).toBe(false);
    expect(isWeaker(KDF_FLOOR, DEFAULT_KDF_COST)).toBe(true);
    expect(strongerOf({ memoryKiB: 1024, iterations: 4, parallelism: 1 }, DEFAULT_KDF_COST)).toEqual({
      memoryKiB: 65_536,
      iterations: 4,
      parallelism: 4,
    });
  });

  it('equalBytes compares contents', () => {
    expect(equalBytes(utf8('abc'), utf8('abc'))).toBe(true);
    expect(equalBytes(utf8('abc'), utf8('abd'))).toBe(false);
    expect(equalBytes(utf8('abc'), utf8('ab'))).toBe(false);
  });
});

describe('strict Base64', () => {
  it('round-trips any bytes and accepts only the canonical spelling', () => {
    for (const length of [0, 1, 2, 3, 16, 60_000]) {
      const bytes = randomBytes(length);
      expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    }
    expect(toBase64(utf8('hi'))).toBe('aGk=');
    for (const other of ['aGk', 'aGl=', 'aG k=', 'aGk=\n', 'aGk-', 'a===', '===='])
      expect(fromBase64(other)).toBeNull();
  });
});

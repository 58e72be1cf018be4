import { describe, expect, it, vi } from 'vitest';
import { argon2idJs, DEFAULT_KDF_COST, deriveBytes, passwordBytes, randomBytes, type KdfParams } from '@/lib/crypto';

const params = (memoryKiB: number, iterations: number, parallelism: number): KdfParams => ({
  algorithm: 'argon2id',
  memoryKiB,
  iterations,
  parallelism,
  salt: randomBytes(16),
});

describe('Argon2id in WebAssembly (hash-wasm) against the JavaScript one (@noble/hashes)', () => {
  it('gives the same bytes for random passwords, salts, costs and lengths', async () => {
    for (let run = 0; run < 12; run++) {
      const lanes = 1 + (run % 4);
      const kdf = params(8 * lanes + 16 * (run % 5), 1 + (run % 3), lanes);
      const password = Array.from(randomBytes(1 + run * 3), (b) => String.fromCharCode(0x20 + (b % 0x5f))).join('');
      const length = [16, 32, 64][run % 3]!;
      expect(await deriveBytes(password, kdf, length)).toEqual(await argon2idJs(passwordBytes(password), kdf, length));
    }
  });

  it('at the default cost (m = 64 MiB, t = 3, p = 4) too', { timeout: 60_000 }, async () => {
    const kdf = { algorithm: 'argon2id', ...DEFAULT_KDF_COST, salt: randomBytes(16) } as const;
    expect(await deriveBytes('correct horse battery staple', kdf, 32)).toEqual(
      await argon2idJs(passwordBytes('correct horse battery staple'), kdf, 32),
    );
  });
});

describe('where WebAssembly is refused', () => {
  it('derives the same key in JavaScript', async () => {
    vi.resetModules();
    vi.doMock('hash-wasm', () => ({
      argon2id: async () => {
        // What Chromium throws when a page's CSP lacks 'wasm-unsafe-eval'.
        const error = new Error(
          "WebAssembly.compile(): Refused to compile or instantiate WebAssembly module because 'wasm-unsafe-eval' is not an allowed source",
        );
        error.name = 'CompileError';
        throw error;
      },
    }));
    try {
      const refused = await import('@/lib/crypto');
      const kdf = params(64, 2, 1);
      expect(refused.kdfFallbackReason()).toBeNull();
      expect(await refused.deriveBytes('password', kdf, 32)).toEqual(
        await argon2idJs(passwordBytes('password'), kdf, 32),
      );
      expect(refused.kdfFallbackReason()).toMatch(/wasm-unsafe-eval/);
    } finally {
      vi.doUnmock('hash-wasm');
      vi.resetModules();
    }
  });

  it('does not hide other failures', async () => {
    vi.resetModules();
    vi.doMock('hash-wasm', () => ({
      argon2id: async () => {
        throw new RangeError('Out of memory');
      },
    }));
    try {
      const failing = await import('@/lib/crypto');
      await expect(failing.deriveBytes('password', params(64, 2, 1), 32)).rejects.toThrow('Out of memory');
    } finally {
      vi.doUnmock('hash-wasm');
      vi.resetModules();
    }
  });
});

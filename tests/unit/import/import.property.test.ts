import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportAegisVault } from '../../../lib/export';
import { ImportError, importAccounts } from '../../../lib/import';
import { mutate, mutationsArb } from '../otp/mutations';
import { expectedAccounts, fixture } from './fixtures';

/** An import may succeed or throw `ImportError`; anything else is a crash. */
async function importsOrRejects(fileName: string, bytes: Uint8Array, password?: string): Promise<void> {
  try {
    const result = await importAccounts(fileName, bytes, { password });
    expect(result.report.imported).toBe(result.accounts.length);
    for (const rejected of result.report.rejected) expect(rejected.reason).not.toMatch(/undefined|\[object/);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    expect(error.message).not.toMatch(/undefined|\[object/);
  }
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const JSON_FIXTURES = ['aegis_plain.json', 'andotp_plain.json', 'bitwarden.json', '2fas_authenticator_plain_v4.2fas'];
const parsedFixture = (name: string): unknown => JSON.parse(decoder.decode(fixture(name)));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside a JSON document. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => paths(v, [...prefix, i])));
  if (value !== null && typeof value === 'object')
    return here.concat(...Object.entries(value).map(([k, v]) => paths(v, [...prefix, k])));
  return here;
}

/** Replaces (or, with `undefined`, deletes) the value at `path`. */
function setAt(doc: Json, path: (string | number)[], replacement: Json | undefined): Json {
  if (path.length === 0) return replacement ?? null;
  const copy = structuredClone(doc) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (replacement === undefined) delete node[last];
  else node[last] = replacement;
  return copy as Json;
}

/** Values that hit type checks and range checks: wrong types, boundary numbers, tricky strings. */
const hostileValue: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom<Json>(
    null,
    true,
    0,
    -1,
    1.5,
    2 ** 53,
    1e308,
    '',
    ' ',
    'SHA1',
    'totp',
    'HOTP',
    'steam',
    'JBSWY3DPEHPK3PXP',
    '====',
    [],
    {},
  ),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

describe('importers never crash or hang on hostile input', { timeout: 120_000 }, () => {
  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('a.txt', 'a.json', 'b.2fas', 'c.json.aes'),
        fc.uint8Array({ maxLength: 400 }),
        (name, bytes) => importsOrRejects(name, bytes),
      ),
      { numRuns: 1000 },
    );
  });

  it('random JSON documents', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), (value) =>
        importsOrRejects('a.json', encoder.encode(JSON.stringify(value))),
      ),
      { numRuns: 1000 },
    );
  });

  it('fixtures with one value replaced or deleted anywhere', async () => {
    for (const name of JSON_FIXTURES) {
      const doc = parsedFixture(name) as Json;
      const allPaths = paths(doc);
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat(allPaths.length - 1), hostileValue), { minLength: 1, maxLength: 3 }),
          async (edits) => {
            let mutated = doc;
            for (const [at, value] of edits) {
              try {
                mutated = setAt(mutated, allPaths[at]!, value);
              } catch {
                // An earlier edit removed the parent of this path; skip it.
              }
            }
            await importsOrRejects(name, encoder.encode(JSON.stringify(mutated)));
          },
        ),
        { numRuns: 400 },
      );
    }
  });

  it('fixtures with text-level damage (bad copy, truncation, splices)', async () => {
    for (const name of [...JSON_FIXTURES, 'plain.txt']) {
      const text = decoder.decode(fixture(name));
      await fc.assert(
        fc.asyncProperty(mutationsArb, (mutations) => importsOrRejects(name, encoder.encode(mutate(text, mutations)))),
        { numRuns: 300 },
      );
    }
  });

  it('encrypted Aegis vaults with damaged header fields or ciphertext', async () => {
    // A cheap scrypt setting, so each run can go all the way to decryption.
    const cheap = JSON.parse(
      await exportAegisVault(expectedAccounts(), { password: 'test', scrypt: { N: 2 ** 4, r: 8, p: 1 } }),
    ) as Json;
    const real = parsedFixture('aegis_encrypted.json') as Json;
    for (const [doc, runs] of [
      [cheap, 600],
      [real, 10],
    ] as const) {
      const allPaths = paths(doc).filter((p) => p.length > 0);
      await fc.assert(
        fc.asyncProperty(
          fc.nat(allPaths.length - 1),
          hostileValue,
          fc.constantFrom('test', 'wrong', undefined),
          async (at, value, password) => {
            await importsOrRejects(
              'aegis.json',
              encoder.encode(JSON.stringify(setAt(doc, allPaths[at]!, value))),
              password,
            );
          },
        ),
        { numRuns: runs },
      );
    }
  });
});

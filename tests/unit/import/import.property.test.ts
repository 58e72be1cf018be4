import fc from 'fast-check';
import { describe, it } from 'vitest';
import { exportAegisVault } from '../../../lib/export';
import { mutate, mutationsArb } from '../otp/mutations';
import { expectedAccounts, fixture } from './fixtures';
import { encoder, hostileValue, importsOrRejects, type Json, paths, setAt } from './helpers';

const decoder = new TextDecoder();
const JSON_FIXTURES = ['aegis_plain.json', 'andotp_plain.json', 'bitwarden.json', '2fas_authenticator_plain_v4.2fas'];
const parsedFixture = (name: string): unknown => JSON.parse(decoder.decode(fixture(name)));

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

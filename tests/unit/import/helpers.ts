import fc from 'fast-check';
import { expect } from 'vitest';
import type { Account } from '../../../lib/account';
import { ImportError, type ImportErrorCode, importAccounts } from '../../../lib/import';
import { expectedAccounts } from './fixtures';

export const encoder = new TextEncoder();
export const bytes = (text: string): Uint8Array => encoder.encode(text);
export const json = (value: unknown): Uint8Array => bytes(JSON.stringify(value));
export const b64 = (data: Uint8Array): string => Buffer.from(data).toString('base64');

/** The seven accounts of `expected.json`, by issuer. */
export function byIssuer(...issuers: string[]): Account[] {
  const all = expectedAccounts();
  return issuers.map((issuer) => {
    const account = all.find((a) => a.issuer === issuer);
    if (account === undefined) throw new Error(`no expected account for ${issuer}`);
    return account;
  });
}

/** The `ImportError` the promise rejects with; fails the test when it resolves or throws anything else. */
export async function importError(promise: Promise<unknown>): Promise<ImportError> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(ImportError);
  const error = outcome as ImportError;
  expect(error.message).not.toMatch(/undefined|\[object/);
  return error;
}

export async function importErrorCode(fileName: string, data: Uint8Array, password?: string): Promise<ImportErrorCode> {
  return (await importError(importAccounts(fileName, data, { password }))).code;
}

/** An import may succeed or throw `ImportError`; anything else (an `EntryError` escaping included) is a crash. */
export async function importsOrRejects(fileName: string, data: Uint8Array, password?: string): Promise<void> {
  try {
    const result = await importAccounts(fileName, data, { password });
    expect(result.report.imported).toBe(result.accounts.length);
    for (const rejected of result.report.rejected) {
      expect(rejected.reason).not.toMatch(/undefined|\[object/);
      expect(rejected.code).toMatch(/^[a-z-]+$/);
    }
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    expect(error.message).not.toMatch(/undefined|\[object/);
  }
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside a JSON document. */
export function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => paths(v, [...prefix, i])));
  if (value !== null && typeof value === 'object')
    return here.concat(...Object.entries(value).map(([k, v]) => paths(v, [...prefix, k])));
  return here;
}

/** Replaces (or, with `undefined`, deletes) the value at `path`. */
export function setAt(doc: Json, path: (string | number)[], replacement: Json | undefined): Json {
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
export const hostileValue: fc.Arbitrary<Json | undefined> = fc.oneof(
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
    'Steam',
    'JBSWY3DPEHPK3PXP',
    '====',
    '%',
    [],
    [-129, 256],
    {},
  ),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

/** `doc` with one to three values replaced or deleted anywhere. */
export function mutatedDocument(doc: Json): fc.Arbitrary<Json> {
  const allPaths = paths(doc);
  return fc.array(fc.tuple(fc.nat(allPaths.length - 1), hostileValue), { minLength: 1, maxLength: 3 }).map((edits) => {
    let mutated = doc;
    for (const [at, value] of edits) {
      try {
        mutated = setAt(mutated, allPaths[at]!, value);
      } catch {
        // An earlier edit removed the parent of this path; skip it.
      }
    }
    return mutated;
  });
}

/** `doc` with up to three values replaced or deleted anywhere, imported; only typed outcomes pass. */
export async function fuzzDocument(
  fileName: string,
  doc: Json,
  runs: number,
  password?: fc.Arbitrary<string | undefined>,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(mutatedDocument(doc), password ?? fc.constant(undefined), (mutated, pw) =>
      importsOrRejects(fileName, encoder.encode(JSON.stringify(mutated)), pw),
    ),
    { numRuns: runs },
  );
}

/**
 * A password-protected export fuzzed on both sides of its encryption: `outside` (the file as
 * saved) with the right password, a wrong one and none; then `inside` (what the encryption holds)
 * damaged, sealed again by `seal` and opened with the right password. Only typed outcomes pass.
 */
export async function fuzzEncrypted(
  fileName: string,
  password: string,
  outside: { doc: Json; runs: number },
  inside: { doc: Json; seal: (plain: Json) => Promise<Json>; runs: number },
): Promise<void> {
  await fuzzDocument(fileName, outside.doc, outside.runs, fc.constantFrom(password, 'wrong', undefined));
  await fc.assert(
    fc.asyncProperty(mutatedDocument(inside.doc), async (plain) => {
      await importsOrRejects(fileName, json(await inside.seal(plain)), password);
    }),
    { numRuns: inside.runs },
  );
}

/** RFC 4648 Base32, decoded here on its own so the tests do not check the importers with their own decoder. */
export function base32Bytes(text: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text.replace(/=+$/, '')) {
    const value = alphabet.indexOf(char);
    if (value === -1) throw new Error(`not Base32: ${char}`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

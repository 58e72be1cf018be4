import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeMigrationPayload,
  encodeMigrationPayload,
  formatMigrationUri,
  MigrationError,
  parseMigrationUri,
  parseMigrationUriAccounts,
  type MigrationPayload,
} from '../../../lib/otp';
import { bytesToBase64 } from '../../../lib/otp/encoding/base64';
import { ProtobufError } from '../../../lib/otp/migration/protobuf';
import { migratableArb } from './arbitraries';
import { mutate, mutationsArb } from './mutations';

const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const payloadArb: fc.Arbitrary<MigrationPayload> = fc.record({
  otps: fc.array(
    fc.record({
      secret: fc.uint8Array({ maxLength: 80 }),
      name: fc.string({ unit: 'grapheme', maxLength: 30 }),
      issuer: fc.string({ unit: 'grapheme', maxLength: 30 }),
      algorithm: int32,
      digits: int32,
      type: int32,
      counter: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
    }),
    { maxLength: 12 },
  ),
  version: int32,
  batchSize: int32,
  batchIndex: int32,
  batchId: int32,
});

function readsOrRejects(uri: string): void {
  try {
    parseMigrationUri(uri);
  } catch (error) {
    if (!(error instanceof MigrationError)) throw error;
  }
}

describe('Google Authenticator export properties', { timeout: 120_000 }, () => {
  it('parse(format(accounts)) gives the accounts back, HOTP counters included', () => {
    fc.assert(
      fc.property(fc.array(migratableArb, { minLength: 1, maxLength: 12 }), (accounts) => {
        expect(parseMigrationUriAccounts(formatMigrationUri(accounts))).toEqual(accounts);
      }),
      { numRuns: 1000 },
    );
  });

  it('payload decode(encode(p)) is p for any field values', () => {
    fc.assert(
      fc.property(payloadArb, (payload) => {
        expect(decodeMigrationPayload(encodeMigrationPayload(payload))).toEqual(payload);
      }),
      { numRuns: 1000 },
    );
  });

  it('random bytes decode or throw ProtobufError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          decodeMigrationPayload(bytes);
        } catch (error) {
          if (!(error instanceof ProtobufError)) throw error;
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('random bytes as an export link only ever give MigrationError or per-entry errors', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        readsOrRejects(`otpauth-migration://offline?data=${encodeURIComponent(bytesToBase64(bytes))}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('bit-flipped valid payloads only ever give MigrationError or per-entry errors', () => {
    const flipped = fc.tuple(
      fc.array(migratableArb, { minLength: 1, maxLength: 5 }),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 4 }),
    );
    fc.assert(
      fc.property(flipped, ([accounts, flips]) => {
        const bytes = encodeMigrationPayload(decodeMigrationPayload(decodeBase64(formatMigrationUri(accounts))));
        for (const [at, bit] of flips) bytes[at % bytes.length]! ^= 1 << bit;
        readsOrRejects(`otpauth-migration://offline?data=${encodeURIComponent(bytesToBase64(bytes))}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('mutated links and random strings only ever give MigrationError', () => {
    fc.assert(
      fc.property(fc.array(migratableArb, { minLength: 1, maxLength: 4 }), mutationsArb, (accounts, mutations) => {
        readsOrRejects(mutate(formatMigrationUri(accounts), mutations));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) =>
        readsOrRejects(`otpauth-migration://offline?data=${s}`),
      ),
      { numRuns: 2000 },
    );
  });
});

function decodeBase64(uri: string): Uint8Array {
  return Uint8Array.from(atob(decodeURIComponent(uri.split('data=')[1]!)), (c) => c.charCodeAt(0));
}

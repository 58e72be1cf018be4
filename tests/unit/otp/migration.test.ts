import { describe, expect, it } from 'vitest';
import { createAccount } from '../../../lib/account';
import {
  decodeMigrationPayload,
  decodeMigrationUri,
  encodeMigrationPayload,
  formatMigrationUri,
  MigrationEntryError,
  MigrationError,
  parseMigrationUri,
  parseMigrationUriAccounts,
  type MigrationErrorCode,
  type MigrationOtp,
} from '../../../lib/otp';
import { bytesToBase64 } from '../../../lib/otp/encoding/base64';
import { thrown } from './thrown';

/**
 * The sample from the otpauth-migration decoders' READMEs: secret "Hello!\xde\xad\xbe\xef",
 * name "Example:alice@google.com", issuer "Example", type TOTP, nothing else set.
 */
const SAMPLE = 'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC';
/**
 * A hand-edited variant that circulates in tutorials: algorithm, digits and batch fields were
 * spliced in without fixing the entry's length, so digits and type fall outside the entry.
 */
const SAMPLE_MISSPLICED =
  'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZSABKAEwAhABGAEgACjr4JKkBg%3D%3D';

const uriOf = (bytes: Uint8Array) => `otpauth-migration://offline?data=${encodeURIComponent(bytesToBase64(bytes))}`;
const otp = (fields: Partial<MigrationOtp>): MigrationOtp => ({
  secret: new Uint8Array(20).fill(7),
  name: 'bob',
  issuer: 'ACME',
  algorithm: 1,
  digits: 1,
  type: 2,
  counter: 0n,
  ...fields,
});
const payloadUri = (otps: MigrationOtp[]) =>
  uriOf(encodeMigrationPayload({ otps, version: 1, batchSize: 1, batchIndex: 0, batchId: 1 }));

describe('reading Google Authenticator export links', () => {
  it('reads the reference sample; the issuer prefix in the name is dropped', () => {
    const expected = createAccount({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Example', label: 'alice@google.com' });
    expect(parseMigrationUriAccounts(SAMPLE)).toEqual([expected]);
  });

  it('reads the mis-spliced sample as protobuf says: batch fields read, the entry rejected for having no type', () => {
    const batch = parseMigrationUri(SAMPLE_MISSPLICED);
    expect(batch).toMatchObject({ batchSize: 1, batchIndex: 0 });
    expect(decodeMigrationUri(SAMPLE_MISSPLICED).version).toBe(1);
    expect(batch.entries).toEqual([expect.objectContaining({ ok: false, name: 'Example: Example:alice@google.com' })]);
    expect(batch.entries[0]?.ok === false && batch.entries[0].error.code).toBe('bad-type');
  });

  it('reads HOTP counters, SHA256/SHA512 and 8 digits', () => {
    const uri = payloadUri([
      otp({ type: 1, counter: 10300n, algorithm: 3, digits: 2 }),
      otp({ type: 2, algorithm: 2, secret: new Uint8Array(20).fill(8) }),
    ]);
    expect(parseMigrationUriAccounts(uri)).toEqual([
      expect.objectContaining({ type: 'hotp', counter: 10300, algorithm: 'SHA512', digits: 8 }),
      expect.objectContaining({ type: 'totp', algorithm: 'SHA256', digits: 6, period: 30 }),
    ]);
  });

  it('accepts Base64 that lost its %-escapes, its padding, or went URL-safe', () => {
    const data = [...Array(256).keys()]
      .map((fill) =>
        bytesToBase64(
          encodeMigrationPayload({
            otps: [otp({ secret: new Uint8Array(30).fill(fill) })],
            version: 1,
            batchSize: 1,
            batchIndex: 0,
            batchId: 1,
          }),
        ),
      )
      .find((b64) => b64.includes('+') && b64.includes('/') && b64.endsWith('='));
    expect(data).toBeDefined();
    const variants = [
      data!,
      data!.replace(/=+$/, ''),
      data!.replace(/\+/g, '-').replace(/\//g, '_'),
      data!.replace(/\+/g, ' '),
    ];
    for (const variant of variants) {
      expect(parseMigrationUriAccounts(`otpauth-migration://offline?data=${variant}`)).toHaveLength(1);
    }
  });

  it('skips unknown fields a newer app may add (all wire types)', () => {
    const known = encodeMigrationPayload({ otps: [otp({})], version: 1, batchSize: 1, batchIndex: 0, batchId: 1 });
    // field 9 varint, field 10 fixed64, field 11 bytes, field 12 fixed32
    const extra = Uint8Array.from([
      0x48, 0x96, 0x01, 0x51, 1, 2, 3, 4, 5, 6, 7, 8, 0x5a, 0x02, 0x61, 0x62, 0x65, 1, 2, 3, 4,
    ]);
    expect(parseMigrationUriAccounts(uriOf(new Uint8Array([...known, ...extra])))).toHaveLength(1);
  });

  it('rejects single bad entries and keeps the rest', () => {
    const batch = parseMigrationUri(
      payloadUri([
        otp({ algorithm: 4 }),
        otp({ type: 0 }),
        otp({ digits: 3 }),
        otp({ type: 1, counter: -1n }),
        otp({ type: 1, counter: 2n ** 53n }),
        otp({ secret: new Uint8Array(0) }),
        otp({ secret: new Uint8Array(5) }),
        otp({ name: '', issuer: '' }),
        otp({}),
      ]),
    );
    const codes = batch.entries.map((e) => (e.ok ? 'ok' : e.error.code));
    expect(codes).toEqual([
      'bad-algorithm',
      'bad-type',
      'bad-digits',
      'bad-counter',
      'bad-counter',
      'missing-secret',
      'secret-too-short',
      'missing-label',
      'ok',
    ]);
    for (const entry of batch.entries) if (!entry.ok) expect(entry.error).toBeInstanceOf(MigrationEntryError);
  });

  const broken: [string, string, MigrationErrorCode][] = [
    ['another scheme', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP', 'bad-scheme'],
    ['another host', 'otpauth-migration://online?data=CjEK', 'bad-scheme'],
    ['no data', 'otpauth-migration://offline?', 'bad-data'],
    ['empty data', 'otpauth-migration://offline?data=', 'bad-data'],
    ['data twice', 'otpauth-migration://offline?data=CjEK&data=CjEK', 'bad-data'],
    ['non-Base64 data', 'otpauth-migration://offline?data=%%%', 'bad-data'],
    ['impossible Base64 length', 'otpauth-migration://offline?data=CjEKC', 'bad-data'],
    ['truncated protobuf', SAMPLE.slice(0, 60), 'corrupt'],
    ['a length past the end', uriOf(Uint8Array.from([0x0a, 0x7f, 0x00])), 'corrupt'],
    ['an 11-byte varint', uriOf(Uint8Array.from([0x10, ...new Array(10).fill(0xff), 0x01])), 'corrupt'],
    ['field number 0', uriOf(Uint8Array.from([0x00, 0x01])), 'corrupt'],
    ['a group wire type', uriOf(Uint8Array.from([0x0b, 0x0c])), 'corrupt'],
    ['wire type 7', uriOf(Uint8Array.from([0x0f])), 'corrupt'],
    ['entries with the wrong wire type', uriOf(Uint8Array.from([0x08, 0x01])), 'corrupt'],
    ['a name that is not UTF-8', uriOf(Uint8Array.from([0x0a, 0x04, 0x12, 0x02, 0xc3, 0x28])), 'corrupt'],
    ['an over-long link', `otpauth-migration://offline?data=${'A'.repeat(20000)}`, 'too-long'],
  ];

  it.each(broken)('rejects %s with MigrationError', (_, uri, code) => {
    const caught = thrown(() => parseMigrationUri(uri));
    expect(caught).toBeInstanceOf(MigrationError);
    expect((caught as MigrationError).code).toBe(code);
  });
});

describe('writing Google Authenticator export links', () => {
  it('writes every field explicitly, as Google Authenticator does', () => {
    const account = createAccount({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Example', label: 'alice@google.com' });
    const payload = decodeMigrationUri(formatMigrationUri([account], { batchSize: 2, batchIndex: 1, batchId: 12345 }));
    expect(payload).toEqual({
      otps: [
        {
          secret: decodeMigrationUri(SAMPLE).otps[0]!.secret,
          name: 'alice@google.com',
          issuer: 'Example',
          algorithm: 1,
          digits: 1,
          type: 2,
          counter: 0n,
        },
      ],
      version: 1,
      batchSize: 2,
      batchIndex: 1,
      batchId: 12345,
    });
  });

  it('refuses accounts the format cannot hold', () => {
    const KEY = 'JBSWY3DPEHPK3PXP';
    for (const account of [
      createAccount({ secret: KEY, label: 'x', steam: true }),
      createAccount({ secret: KEY, label: 'x', digits: 7 }),
      createAccount({ secret: KEY, label: 'x', period: 60 }),
    ]) {
      expect(() => formatMigrationUri([account])).toThrow(MigrationEntryError);
    }
  });

  it('payload encoding round-trips, including int64 counters beyond 32 bits', () => {
    const payload = {
      otps: [otp({ type: 1, counter: 2n ** 40n + 3n, name: 'ü:名前' })],
      version: 1,
      batchSize: 3,
      batchIndex: 2,
      batchId: 2 ** 31 - 1,
    };
    expect(decodeMigrationPayload(encodeMigrationPayload(payload))).toEqual(payload);
  });
});

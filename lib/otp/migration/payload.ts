import { ProtoReader, ProtoWriter, WIRE_BYTES, WIRE_VARINT, type FieldTag } from './protobuf';
import { ProtobufError } from './protobuf';

/**
 * Google Authenticator's `MigrationPayload` message, field numbers as in its export:
 *   MigrationPayload { repeated OtpParameters otp_parameters = 1; int32 version = 2;
 *                      int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5; }
 *   OtpParameters { bytes secret = 1; string name = 2; string issuer = 3; Algorithm algorithm = 4;
 *                   DigitCount digits = 5; OtpType type = 6; int64 counter = 7; }
 * Enum values are kept raw here; mapping them to an account is `entry.ts`'s job.
 */
export interface MigrationOtp {
  secret: Uint8Array;
  name: string;
  issuer: string;
  algorithm: number;
  digits: number;
  type: number;
  /** int64 on the wire; kept as bigint so an out-of-range value is seen, not rounded. */
  counter: bigint;
}

export interface MigrationPayload {
  otps: MigrationOtp[];
  version: number;
  batchSize: number;
  batchIndex: number;
  batchId: number;
}

export const ALGORITHM = { unspecified: 0, sha1: 1, sha256: 2, sha512: 3, md5: 4 } as const;
export const DIGIT_COUNT = { unspecified: 0, six: 1, eight: 2 } as const;
export const OTP_TYPE = { unspecified: 0, hotp: 1, totp: 2 } as const;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * How each field of a message is read: its field number, and a reader that gets the value read so
 * far (for repeated fields) and returns the new one. Fields not listed are skipped.
 */
type Schema<T> = { readonly [K in keyof T]: readonly [field: number, read: FieldReader<T[K]>] };
type FieldReader<V> = (reader: ProtoReader, tag: FieldTag, current: V) => V;

/** A decoder for messages laid out as `schema` says, each starting from `empty()`. */
function messageDecoder<T extends object>(schema: Schema<T>, empty: () => T): (bytes: Uint8Array) => T {
  const byField = new Map<number, keyof T>();
  for (const key of Object.keys(schema) as (keyof T)[]) byField.set(schema[key][0], key);
  return (bytes) => {
    const message = empty();
    const reader = new ProtoReader(bytes);
    while (!reader.done) {
      const tag = reader.tag();
      const key = byField.get(tag.field);
      if (key === undefined) reader.skip(tag.wire);
      else message[key] = schema[key][1](reader, tag, message[key]);
    }
    return message;
  };
}

const decodeOtp = messageDecoder<MigrationOtp>(
  {
    secret: [1, copiedBytes],
    name: [2, string],
    issuer: [3, string],
    algorithm: [4, int32],
    digits: [5, int32],
    type: [6, int32],
    counter: [7, int64],
  },
  () => ({ secret: new Uint8Array(0), name: '', issuer: '', algorithm: 0, digits: 0, type: 0, counter: 0n }),
);

/** Throws `ProtobufError` for anything that is not a well-formed payload. */
export const decodeMigrationPayload: (bytes: Uint8Array) => MigrationPayload = messageDecoder<MigrationPayload>(
  {
    otps: [1, repeated(embedded(decodeOtp))],
    version: [2, int32],
    batchSize: [3, int32],
    batchIndex: [4, int32],
    batchId: [5, int32],
  },
  () => ({ otps: [], version: 0, batchSize: 0, batchIndex: 0, batchId: 0 }),
);

export function encodeMigrationPayload(payload: MigrationPayload): Uint8Array {
  const writer = new ProtoWriter();
  for (const otp of payload.otps) writer.bytesField(1, encodeOtp(otp));
  return writer
    .varintField(2, payload.version)
    .varintField(3, payload.batchSize)
    .varintField(4, payload.batchIndex)
    .varintField(5, payload.batchId)
    .finish();
}

function encodeOtp(otp: MigrationOtp): Uint8Array {
  const writer = new ProtoWriter()
    .bytesField(1, otp.secret)
    .stringField(2, otp.name)
    .stringField(3, otp.issuer)
    .varintField(4, otp.algorithm)
    .varintField(5, otp.digits)
    .varintField(6, otp.type);
  if (otp.counter !== 0n) writer.varintField(7, otp.counter);
  return writer.finish();
}

function expectWire(tag: FieldTag, wire: number): void {
  if (tag.wire !== wire) throw new ProtobufError(`field ${tag.field} has the wrong wire type`);
}

/** int32 and enums are varints; protobuf sign-extends negative int32 to 64 bits. */
function int32(reader: ProtoReader, tag: FieldTag): number {
  expectWire(tag, WIRE_VARINT);
  return Number(BigInt.asIntN(32, reader.varint()));
}

function int64(reader: ProtoReader, tag: FieldTag): bigint {
  expectWire(tag, WIRE_VARINT);
  return BigInt.asIntN(64, reader.varint());
}

function string(reader: ProtoReader, tag: FieldTag): string {
  expectWire(tag, WIRE_BYTES);
  try {
    return utf8.decode(reader.bytes());
  } catch {
    throw new ProtobufError(`field ${tag.field} is not valid UTF-8`);
  }
}

/** A copy: the reader's bytes are a view into the whole payload. */
function copiedBytes(reader: ProtoReader, tag: FieldTag): Uint8Array {
  expectWire(tag, WIRE_BYTES);
  return reader.bytes().slice();
}

function embedded<T>(decode: (bytes: Uint8Array) => T): (reader: ProtoReader, tag: FieldTag) => T {
  return (reader, tag) => {
    expectWire(tag, WIRE_BYTES);
    return decode(reader.bytes());
  };
}

function repeated<T>(read: (reader: ProtoReader, tag: FieldTag) => T): FieldReader<T[]> {
  return (reader, tag, items) => {
    items.push(read(reader, tag));
    return items;
  };
}

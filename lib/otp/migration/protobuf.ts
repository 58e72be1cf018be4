/**
 * The subset of the protobuf wire format the Google Authenticator export uses: varints and
 * length-delimited fields, plus skipping 32/64-bit fields a newer app version might add.
 * Every read is bounds-checked; malformed input throws `ProtobufError` and never reads past the end.
 */

export class ProtobufError extends Error {
  override readonly name = 'ProtobufError';
}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_FIXED32 = 5;

export interface FieldTag {
  field: number;
  wire: number;
}

export class ProtoReader {
  private pos = 0;

  constructor(private readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  tag(): FieldTag {
    const key = this.varint();
    const field = Number(key >> 3n);
    if (field === 0 || key >> 3n > 0x1fffffffn) throw new ProtobufError('invalid field number');
    return { field, wire: Number(key & 7n) };
  }

  /** Unsigned 64-bit varint. At most 10 bytes; the tenth may carry only the top bit. */
  varint(): bigint {
    let result = 0n;
    for (let i = 0; i < 10; i++) {
      const byte = this.byte();
      if (i === 9 && byte > 1) throw new ProtobufError('varint overflows 64 bits');
      result |= BigInt(byte & 0x7f) << BigInt(7 * i);
      if ((byte & 0x80) === 0) return result;
    }
    throw new ProtobufError('varint is too long');
  }

  bytes(): Uint8Array {
    const length = this.varint();
    if (length > BigInt(this.buf.length - this.pos)) throw new ProtobufError('length runs past the end');
    const start = this.pos;
    this.pos += Number(length);
    return this.buf.subarray(start, this.pos);
  }

  skip(wire: number): void {
    switch (wire) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_FIXED64:
        this.advance(8);
        return;
      case WIRE_BYTES:
        this.bytes();
        return;
      case WIRE_FIXED32:
        this.advance(4);
        return;
      default:
        // Groups (3, 4) are deprecated and never used here; anything else is not protobuf.
        throw new ProtobufError(`unsupported wire type ${wire}`);
    }
  }

  private byte(): number {
    const byte = this.buf[this.pos];
    if (byte === undefined) throw new ProtobufError('data ends in the middle of a value');
    this.pos++;
    return byte;
  }

  private advance(n: number): void {
    if (this.buf.length - this.pos < n) throw new ProtobufError('data ends in the middle of a value');
    this.pos += n;
  }
}

export class ProtoWriter {
  private readonly chunks: number[] = [];

  varintField(field: number, value: bigint | number): this {
    this.key(field, WIRE_VARINT);
    this.varint(BigInt(value));
    return this;
  }

  bytesField(field: number, value: Uint8Array): this {
    this.key(field, WIRE_BYTES);
    this.varint(BigInt(value.length));
    for (const byte of value) this.chunks.push(byte);
    return this;
  }

  stringField(field: number, value: string): this {
    return this.bytesField(field, new TextEncoder().encode(value));
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }

  private key(field: number, wire: number): void {
    this.varint((BigInt(field) << 3n) | BigInt(wire));
  }

  /** Negative numbers are written as 64-bit two's complement, as protobuf does for int64. */
  private varint(value: bigint): void {
    let v = BigInt.asUintN(64, value);
    while (v > 0x7fn) {
      this.chunks.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.chunks.push(Number(v));
  }
}

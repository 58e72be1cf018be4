import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  generateRecoveryCodes,
  generateSecret,
  hotp,
  provisioningUri,
  spacedSecret,
  syncHotp,
  syncTotp,
  totp,
  verifyHotp,
  verifyTotp,
} from '../../portal/otp.js';
import { ALICE_SECRET, STEP0, oathHotp, oathTotp } from './helpers';

describe('portal OTP arithmetic, checked against oathtool', () => {
  it('HOTP values equal oathtool for many counters', () => {
    const secret = generateSecret();
    for (const counter of [0, 1, 2, 9, 10, 11, 99, 1000, 14_999]) {
      expect(hotp(secret, counter), `counter ${counter}`).toBe(oathHotp(secret, counter));
    }
  });

  it('TOTP values equal oathtool at several moments', () => {
    for (const step of [1, STEP0 - 1, STEP0, STEP0 + 7, 60_000_000]) {
      expect(totp(ALICE_SECRET, step * 30_000 + 29_999)).toBe(oathTotp(ALICE_SECRET, step));
    }
  });

  it('uses SHA-256 for secrets longer than 25 bytes, as Bitrix does for hardware tokens', () => {
    const long = base32Encode(Buffer.alloc(32, 7));
    expect(hotp(long, STEP0)).toBe(oathTotp(long, STEP0, 'sha256'));
    expect(hotp(long, STEP0)).not.toBe(oathTotp(long, STEP0));
    expect(provisioningUri({ type: 'totp', secret: long, issuer: 'x', login: 'y' })).toContain('algorithm=SHA256');
  });

  it('makes 20-byte secrets: 32 Base32 characters without padding, shown in groups of four', () => {
    const a = generateSecret();
    const b = generateSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(a).not.toBe(b);
    expect(base32Decode(a)).toHaveLength(20);
    expect(base32Encode(base32Decode(a))).toBe(a);
    expect(spacedSecret('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')).toBe('ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567');
    expect(base32Decode('jbsw y3dp')).toEqual(base32Decode('JBSWY3DP'));
    expect(() => base32Decode('JBSW1')).toThrow();
  });

  it('builds the provisioning URI like Bitrix: secret first, the rest sorted, label issuer%3ALOGIN', () => {
    expect(provisioningUri({ type: 'totp', secret: ALICE_SECRET, issuer: 'portal.example.com', login: 'alice' })).toBe(
      `otpauth://totp/portal.example.com%3Aalice?secret=${ALICE_SECRET}&algorithm=SHA1&digits=6&issuer=portal.example.com&period=30`,
    );
    expect(provisioningUri({ type: 'hotp', secret: ALICE_SECRET, issuer: 'localhost', login: 'bob' })).toBe(
      `otpauth://hotp/localhost%3Abob?secret=${ALICE_SECRET}&algorithm=SHA1&counter=1&digits=6&issuer=localhost`,
    );
    // PHP rawurlencode: spaces as %20, and !'()* encoded too.
    expect(provisioningUri({ type: 'totp', secret: ALICE_SECRET, issuer: 'my host', login: "o'neil(1)" })).toBe(
      `otpauth://totp/my%20host%3Ao%27neil%281%29?secret=${ALICE_SECRET}&algorithm=SHA1&digits=6&issuer=my%20host&period=30`,
    );
  });

  it('TOTP verification: drift ±2 steps, the real time when drifted, replay refused', () => {
    const now = STEP0 * 30_000 + 5_000;
    const at = (step: number) => oathTotp(ALICE_SECRET, step);
    for (const offset of [-2, -1, 0, 1, 2]) {
      expect(verifyTotp(ALICE_SECRET, at(STEP0 + offset), { drift: 0, lastStep: 0 }, now)).toEqual({
        ok: true,
        drift: offset,
        step: STEP0 + offset,
      });
    }
    for (const offset of [-3, 3, 10]) {
      expect(verifyTotp(ALICE_SECRET, at(STEP0 + offset), { drift: 0, lastStep: 0 }, now).ok).toBe(false);
    }
    // Around a stored drift of +5: +3..+7 and 0 (the device clock may have been fixed).
    expect(verifyTotp(ALICE_SECRET, at(STEP0 + 7), { drift: 5, lastStep: 0 }, now)).toMatchObject({
      ok: true,
      drift: 7,
    });
    expect(verifyTotp(ALICE_SECRET, at(STEP0), { drift: 5, lastStep: 0 }, now)).toMatchObject({ ok: true, drift: 0 });
    expect(verifyTotp(ALICE_SECRET, at(STEP0 + 8), { drift: 5, lastStep: 0 }, now).ok).toBe(false);
    expect(verifyTotp(ALICE_SECRET, at(STEP0 + 2), { drift: 5, lastStep: 0 }, now).ok).toBe(false);
    // Replay: the last accepted step and anything before it.
    expect(verifyTotp(ALICE_SECRET, at(STEP0), { drift: 0, lastStep: STEP0 }, now).ok).toBe(false);
    expect(verifyTotp(ALICE_SECRET, at(STEP0 - 1), { drift: 0, lastStep: STEP0 }, now).ok).toBe(false);
    expect(verifyTotp(ALICE_SECRET, at(STEP0 + 1), { drift: 0, lastStep: STEP0 }, now).ok).toBe(true);
    // Not a 6-digit code.
    expect(verifyTotp(ALICE_SECRET, ` ${at(STEP0)}`, { drift: 0, lastStep: 0 }, now).ok).toBe(false);
  });

  it('HOTP verification looks at 10 counters from the stored one and moves past the accepted one', () => {
    expect(verifyHotp(ALICE_SECRET, oathHotp(ALICE_SECRET, 5), 5)).toEqual({ ok: true, counter: 6 });
    expect(verifyHotp(ALICE_SECRET, oathHotp(ALICE_SECRET, 14), 5)).toEqual({ ok: true, counter: 15 });
    expect(verifyHotp(ALICE_SECRET, oathHotp(ALICE_SECRET, 15), 5).ok).toBe(false);
    expect(verifyHotp(ALICE_SECRET, oathHotp(ALICE_SECRET, 4), 5).ok).toBe(false);
  });

  it('connecting: TOTP finds the drift within ±180 steps; HOTP needs two consecutive codes within 0..15000', () => {
    const now = STEP0 * 30_000;
    expect(syncTotp(ALICE_SECRET, oathTotp(ALICE_SECRET, STEP0), now)).toEqual({ drift: 0 });
    expect(syncTotp(ALICE_SECRET, oathTotp(ALICE_SECRET, STEP0 - 40), now)).toEqual({ drift: -40 });
    expect(syncTotp(ALICE_SECRET, oathTotp(ALICE_SECRET, STEP0 + 179), now)).toEqual({ drift: 179 });
    expect(syncTotp(ALICE_SECRET, oathTotp(ALICE_SECRET, STEP0 + 400), now)).toBeNull();

    expect(syncHotp(ALICE_SECRET, oathHotp(ALICE_SECRET, 0), oathHotp(ALICE_SECRET, 1))).toEqual({ counter: 1 });
    expect(syncHotp(ALICE_SECRET, oathHotp(ALICE_SECRET, 12_345), oathHotp(ALICE_SECRET, 12_346))).toEqual({
      counter: 12_346,
    });
    expect(syncHotp(ALICE_SECRET, oathHotp(ALICE_SECRET, 3), oathHotp(ALICE_SECRET, 5))).toBeNull();
    expect(syncHotp(ALICE_SECRET, oathHotp(ALICE_SECRET, 15_000), oathHotp(ALICE_SECRET, 15_001))).toBeNull();
  });

  it('makes 10 distinct recovery codes like ab12-cd34', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes.map((c) => c.code)).size).toBe(10);
    for (const c of codes) {
      expect(c.code).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}$/);
      expect(c.used).toBe(false);
    }
  });
});

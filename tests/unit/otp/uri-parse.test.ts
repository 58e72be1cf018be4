import { describe, expect, it } from 'vitest';
import { OtpUriError, parseOtpauthUri, type OtpUriErrorCode } from '../../../lib/otp';
import { thrown } from './thrown';

const KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('parseOtpauthUri accepts what real issuers emit', () => {
  it('Bitrix24 TOTP: issuer%3ALOGIN label, secret first, the rest sorted', () => {
    const uri = `otpauth://totp/company.bitrix24.com%3Aanna%40example.com?secret=${KEY}&algorithm=SHA1&digits=6&issuer=company.bitrix24.com&period=30`;
    expect(parseOtpauthUri(uri)).toEqual({
      type: 'totp',
      secret: KEY,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      issuer: 'company.bitrix24.com',
      label: 'anna@example.com',
      origins: [],
    });
  });

  it('Bitrix24 on-premise HOTP with counter=1 and the fallback issuer', () => {
    const uri = `otpauth://hotp/Bitrix%3Aadmin?secret=${KEY}&algorithm=SHA1&counter=1&digits=6&issuer=Bitrix`;
    expect(parseOtpauthUri(uri)).toMatchObject({
      type: 'hotp',
      counter: 1,
      issuer: 'Bitrix',
      label: 'admin',
      period: 30,
    });
  });

  it('Bitrix24 hardware-token style SHA256 with a long key', () => {
    const key = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBV'; // 35 bytes
    const account = parseOtpauthUri(
      `otpauth://totp/b.example%3Au?secret=${key}&algorithm=SHA256&digits=6&issuer=b.example&period=30`,
    );
    expect(account).toMatchObject({ algorithm: 'SHA256', secret: key });
  });

  it.each([
    ['lower-case', KEY.toLowerCase()],
    ['padded (andOTP)', 'GEZDGNBVGY3TQOJQGE======'],
    ['padded with escapes', 'GEZDGNBVGY3TQOJQGE%3D%3D%3D%3D%3D%3D'],
    ['spaced in fours (%20)', 'JBSW%20Y3DP%20EHPK%203PXP'],
    ['spaced in fours (+)', 'JBSW+Y3DP+EHPK+3PXP'],
    ['lower-case, padded, spaced', 'jbsw y3dp ehpk 3pxp gu======'.replace(/ /g, '%20')],
  ])('a %s secret is normalised', (_, secret) => {
    const account = parseOtpauthUri(`otpauth://totp/x?secret=${secret}`);
    expect(account.secret).toMatch(/^[A-Z2-7]+$/);
  });

  it('normalises spacing and padding to the canonical key', () => {
    expect(parseOtpauthUri('otpauth://totp/x?secret=jbsw%20y3dp%20ehpk%203pxp').secret).toBe('JBSWY3DPEHPK3PXP');
    expect(parseOtpauthUri('otpauth://totp/x?secret=GEZDGNBVGY3TQOJQGE======').secret).toBe('GEZDGNBVGY3TQOJQGE');
  });

  it('upper-case scheme, type and parameter names (QR alphanumeric mode)', () => {
    const account = parseOtpauthUri(`OTPAUTH://TOTP/ACME:BOB?SECRET=${KEY}&ISSUER=ACME&DIGITS=8`);
    expect(account).toMatchObject({ issuer: 'ACME', label: 'BOB', digits: 8 });
  });

  it('label forms: literal colon, spaces after it, issuer only as parameter, no issuer at all', () => {
    expect(parseOtpauthUri(`otpauth://totp/ACME:%20%20bob?secret=${KEY}`)).toMatchObject({
      issuer: 'ACME',
      label: 'bob',
    });
    expect(parseOtpauthUri(`otpauth://totp/bob?secret=${KEY}&issuer=ACME%20Co`)).toMatchObject({
      issuer: 'ACME Co',
      label: 'bob',
    });
    expect(parseOtpauthUri(`otpauth://totp/bob?secret=${KEY}`)).toMatchObject({ issuer: '', label: 'bob' });
    expect(parseOtpauthUri(`otpauth://totp/Air%20Canada:Benjamin?secret=${KEY}&issuer=Air+Canada`)).toMatchObject({
      issuer: 'Air Canada',
      label: 'Benjamin',
    });
  });

  it('prefix and parameter differing only in case are the same issuer; the parameter wins', () => {
    expect(parseOtpauthUri(`otpauth://totp/github:bob?secret=${KEY}&issuer=GitHub`).issuer).toBe('GitHub');
  });

  it('a label with only an issuer is named after it', () => {
    expect(parseOtpauthUri(`otpauth://totp/?secret=${KEY}&issuer=ACME`)).toMatchObject({
      issuer: 'ACME',
      label: 'ACME',
    });
  });

  it('algorithm spellings and defaults', () => {
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${KEY}&algorithm=sha256`).algorithm).toBe('SHA256');
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${KEY}&algorithm=SHA-512`).algorithm).toBe('SHA512');
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${KEY}`)).toMatchObject({
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
  });

  it('periods from 1 s upward, digits 6 to 8, large counters', () => {
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${KEY}&period=1`).period).toBe(1);
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${KEY}&period=86400`).period).toBe(86400);
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${KEY}&digits=7`).digits).toBe(7);
    expect(parseOtpauthUri(`otpauth://hotp/x?secret=${KEY}&counter=9007199254740991`).counter).toBe(
      Number.MAX_SAFE_INTEGER,
    );
  });

  it('ignores parameters of the other type and unknown ones (image, color)', () => {
    const totp = parseOtpauthUri(`otpauth://totp/x?secret=${KEY}&counter=5&image=https%3A%2F%2Fx%2Fi.png&color=red`);
    expect(totp.counter).toBe(0);
    const hotp = parseOtpauthUri(`otpauth://hotp/x?secret=${KEY}&counter=5&period=60`);
    expect(hotp).toMatchObject({ counter: 5, period: 30 });
  });

  it('Steam: otpauth://steam/ (Aegis, 2FAS) and encoder=steam (KeePassXC)', () => {
    expect(parseOtpauthUri(`otpauth://steam/Steam:me?secret=${KEY}`)).toMatchObject({
      type: 'totp',
      steam: true,
      digits: 5,
    });
    expect(parseOtpauthUri(`otpauth://totp/Steam:me?secret=${KEY}&digits=5&encoder=steam`)).toMatchObject({
      steam: true,
      digits: 5,
    });
  });

  it('surrounding whitespace (a pasted line) is ignored', () => {
    expect(parseOtpauthUri(`  otpauth://totp/x?secret=${KEY}\n`).label).toBe('x');
  });
});

describe('parseOtpauthUri rejects malformed links with a typed, actionable error', () => {
  const cases: [string, string, OtpUriErrorCode][] = [
    ['another scheme', `https://example.com/?secret=${KEY}`, 'bad-scheme'],
    ['a migration link', 'otpauth-migration://offline?data=CjEKCkhlbGxv', 'bad-scheme'],
    ['a single slash', `otpauth:/totp/x?secret=${KEY}`, 'bad-scheme'],
    ['empty input', '', 'bad-scheme'],
    ['an unknown type', `otpauth://motp/x?secret=${KEY}`, 'bad-type'],
    ['no type separator', `otpauth://totp?secret=${KEY}`, 'bad-uri'],
    ['no secret', 'otpauth://totp/x?issuer=ACME', 'missing-secret'],
    ['an empty secret', 'otpauth://totp/x?secret=', 'missing-secret'],
    ['no query at all', 'otpauth://totp/x', 'missing-secret'],
    ['non-Base32 digits in the secret', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PX1', 'bad-secret'],
    ['punctuation in the secret', 'otpauth://totp/x?secret=JBSWY3DP-EHPK3PXP', 'bad-secret'],
    ['an impossible secret length', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXPJ', 'bad-secret'],
    ['too much padding', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXPGE=======', 'bad-secret'],
    ['padding only', 'otpauth://totp/x?secret=====', 'missing-secret'],
    ['a short secret', 'otpauth://totp/x?secret=JBSWY3DP', 'secret-too-short'],
    ['an over-long secret', `otpauth://totp/x?secret=${'A'.repeat(216)}`, 'secret-too-long'],
    ['MD5', `otpauth://totp/x?secret=${KEY}&algorithm=MD5`, 'bad-algorithm'],
    ['SHA224', `otpauth://totp/x?secret=${KEY}&algorithm=SHA224`, 'bad-algorithm'],
    ['5 digits', `otpauth://totp/x?secret=${KEY}&digits=5`, 'bad-digits'],
    ['9 digits', `otpauth://totp/x?secret=${KEY}&digits=9`, 'bad-digits'],
    ['word digits', `otpauth://totp/x?secret=${KEY}&digits=six`, 'bad-digits'],
    ['signed digits', `otpauth://totp/x?secret=${KEY}&digits=%2B6`, 'bad-digits'],
    ['fractional digits', `otpauth://totp/x?secret=${KEY}&digits=6.0`, 'bad-digits'],
    ['Steam with 6 digits', `otpauth://steam/x?secret=${KEY}&digits=6`, 'bad-digits'],
    ['Steam with SHA256', `otpauth://steam/x?secret=${KEY}&algorithm=SHA256`, 'bad-algorithm'],
    ['period 0', `otpauth://totp/x?secret=${KEY}&period=0`, 'bad-period'],
    ['negative period', `otpauth://totp/x?secret=${KEY}&period=-30`, 'bad-period'],
    ['fractional period', `otpauth://totp/x?secret=${KEY}&period=0.5`, 'bad-period'],
    ['period past a Java int', `otpauth://totp/x?secret=${KEY}&period=2147483648`, 'bad-period'],
    ['empty period', `otpauth://totp/x?secret=${KEY}&period=`, 'bad-period'],
    ['HOTP without counter', `otpauth://hotp/x?secret=${KEY}`, 'bad-counter'],
    ['negative counter', `otpauth://hotp/x?secret=${KEY}&counter=-1`, 'bad-counter'],
    ['counter past 2^53', `otpauth://hotp/x?secret=${KEY}&counter=9007199254740992`, 'bad-counter'],
    ['hex counter', `otpauth://hotp/x?secret=${KEY}&counter=0x10`, 'bad-counter'],
    ['issuer mismatch', `otpauth://totp/Evil:bob?secret=${KEY}&issuer=Bank`, 'issuer-mismatch'],
    ['repeated secret', `otpauth://totp/x?secret=${KEY}&secret=${KEY}`, 'duplicate-parameter'],
    ['repeated issuer in two spellings', `otpauth://totp/x?secret=${KEY}&issuer=a&ISSUER=b`, 'duplicate-parameter'],
    ['a bad escape in the label', `otpauth://totp/a%ZZb?secret=${KEY}`, 'bad-encoding'],
    ['invalid UTF-8 in a value', `otpauth://totp/x?secret=${KEY}&issuer=%C3%28`, 'bad-encoding'],
    ['a control character in the label', `otpauth://totp/a%0Ab?secret=${KEY}`, 'bad-label'],
    ['a control character in the issuer', `otpauth://totp/x?secret=${KEY}&issuer=a%00`, 'bad-issuer'],
    ['no label and no issuer', `otpauth://totp/?secret=${KEY}`, 'missing-label'],
    ['a blank label', `otpauth://totp/%20%20?secret=${KEY}`, 'missing-label'],
    ['an over-long label', `otpauth://totp/${'a'.repeat(257)}?secret=${KEY}`, 'label-too-long'],
    ['an over-long issuer', `otpauth://totp/x?secret=${KEY}&issuer=${'a'.repeat(257)}`, 'issuer-too-long'],
    ['an over-long link', `otpauth://totp/x?secret=${KEY}&image=${'a'.repeat(5000)}`, 'too-long'],
  ];

  it.each(cases)('%s', (_, uri, code) => {
    const caught = thrown(() => parseOtpauthUri(uri));
    expect(caught).toBeInstanceOf(OtpUriError);
    const error = caught as OtpUriError;
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(15);
    expect(error.message).not.toMatch(/undefined|null|NaN|\[object/);
  });
});

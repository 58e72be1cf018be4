import { describe, expect, it } from 'vitest';
import { createAccount } from '../../../lib/account';
import { encodeMigrationUri, formatMigrationUri } from '../../../lib/otp';
import {
  BITRIX24_APP_MESSAGE,
  classifyQrPayload,
  isBitrix24AppLink,
  MAX_SHOWN_TEXT,
  type QrPayload,
} from '../../../lib/qr';
import { BITRIX_URI, base32Secret, bitrixHotpUri } from './fixtures';

function kindOf(payload: QrPayload): string {
  return payload.kind === 'invalid' ? `invalid:${payload.code}` : payload.kind;
}

describe('classifyQrPayload', () => {
  it('reads a Bitrix24 TOTP enrolment link into an account', () => {
    const payload = classifyQrPayload(BITRIX_URI);
    expect(payload).toEqual({
      kind: 'account',
      account: {
        type: 'totp',
        secret: base32Secret(1),
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
        issuer: 'b24-k7x3qp.bitrix24.com',
        label: 'anna.petrova@example.com',
        origins: [],
      },
    });
  });

  it('reads a Bitrix24 HOTP link, and tolerates the line breaks and padding a QR payload may carry', () => {
    const uri = bitrixHotpUri('intranet.example.com', 'admin', base32Secret(3));
    const payload = classifyQrPayload(`\uFEFF ${uri}\r\n\0`);
    expect(payload.kind).toBe('account');
    if (payload.kind === 'account')
      expect(payload.account).toMatchObject({
        type: 'hotp',
        counter: 1,
        issuer: 'intranet.example.com',
        label: 'admin',
      });
  });

  it('reads a Google Authenticator export into all its accounts', () => {
    const accounts = [
      createAccount({ secret: base32Secret(4), issuer: 'one.bitrix24.com', label: 'a' }),
      createAccount({ type: 'hotp', secret: base32Secret(5), counter: 7, issuer: 'Two', label: 'b' }),
    ];
    expect(classifyQrPayload(formatMigrationUri(accounts))).toEqual({ kind: 'accounts', accounts });
  });

  it.each([
    ['otpauth://totp/x?secret=', 'invalid:missing-secret'],
    ['otpauth://totp/x?secret=not*base32', 'invalid:bad-secret'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=12', 'invalid:bad-digits'],
    ['otpauth://push/x?secret=JBSWY3DPEHPK3PXP', 'invalid:bad-type'],
    ['OTPAUTH://TOTP/x?secret=JBSWY3DPEHPK3PXP&issuer=A&issuer=B', 'invalid:duplicate-parameter'],
    ['otpauth://totp/x%zz?secret=JBSWY3DPEHPK3PXP', 'invalid:bad-encoding'],
    [`otpauth://totp/x?secret=${'A'.repeat(5000)}`, 'invalid:too-long'],
    ['otpauth-migration://offline?data=%%%', 'invalid:bad-data'],
    ['otpauth-migration://offline?data=AAAA', 'invalid:corrupt'],
    ['otpauth-migration://offline', 'invalid:bad-scheme'],
  ])('reports a malformed authenticator link as invalid with the parser’s code: %s', (text, kind) => {
    const payload = classifyQrPayload(text);
    expect(kindOf(payload)).toBe(kind);
    if (payload.kind === 'invalid') expect(payload.message.length).toBeGreaterThan(10);
  });

  it('gives the parser’s own message for an invalid link', () => {
    expect(classifyQrPayload('otpauth://totp/x?secret=')).toEqual({
      kind: 'invalid',
      code: 'missing-secret',
      message: 'The link has no secret key ("secret=" is missing or empty).',
    });
  });

  it('reports an export with no accounts, or with an account it cannot carry, as invalid', () => {
    const batch = { version: 1, batchSize: 1, batchIndex: 0, batchId: 0 };
    expect(kindOf(classifyQrPayload(encodeMigrationUri({ otps: [], ...batch })))).toBe('invalid:bad-data');
    const md5 = {
      secret: new Uint8Array(20).fill(7),
      name: 'x',
      issuer: 'Y',
      algorithm: 4,
      digits: 1,
      type: 2,
      counter: 0n,
    };
    const payload = classifyQrPayload(encodeMigrationUri({ otps: [md5], ...batch }));
    expect(kindOf(payload)).toBe('invalid:bad-algorithm');
    expect(payload.kind === 'invalid' && payload.message).toMatch(/MD5/i);
  });

  it.each([
    ['https://example.com/download', 'a web link'],
    ['WIFI:S:office;T:WPA;P:secret;;', 'text'],
    ['Hello, world', 'text'],
    ['', 'nothing'],
    ['https://b24-abc.bitrix24.com/company/personal/user/1/', 'a web link'],
    ['https://portal.example.com/auth/?qr=1', 'a web link'],
  ])('says plainly that other content is not an authenticator secret: %s', (text, what) => {
    const payload = classifyQrPayload(text);
    expect(payload.kind).toBe('not-otp');
    if (payload.kind !== 'not-otp') return;
    expect(payload.text).toBe(text);
    expect(payload.message).toContain(`holds ${what}, not an authenticator secret`);
  });

  it('shortens long text it shows back', () => {
    const payload = classifyQrPayload('x'.repeat(7000));
    expect(payload.kind === 'not-otp' && payload.text.length).toBe(MAX_SHOWN_TEXT);
  });

  const TAG = 'k3Jd9QwErTy7UiOp1AsDfGhJkLzXcVbN';
  const HASH = '4f0c1d6e9a8b7c2d3e4f5a6b7c8d9e0f1a2b3c4d';
  const PORTAL_LINK = `https://b24-k7x3qp.bitrix24.com/?intent=pushOtpInit%2F${TAG}%3B${HASH}`;
  it.each([
    [
      'as Bitrix24 shows it',
      `https://bitrix24.page.link/?link=${PORTAL_LINK}&apn=com.bitrix24.android&isi=561683423&ibi=com.bitrixsoft.cpmobile`,
    ],
    ['on another deep-link host', `https://links.example.org/?link=${PORTAL_LINK}&apn=ru.bitrix.bitrix24`],
    ['the inner link alone', PORTAL_LINK],
    ['unencoded', `https://portal.example.com/?intent=pushOtpInit/${TAG};${HASH}`],
    [
      'encoded once more by a QR reader',
      `https://bitrix24.page.link/?link=${encodeURIComponent(PORTAL_LINK)}&apn=com.bitrix24.android`,
    ],
    [
      'encoded twice more',
      `https://r.example/?u=${encodeURIComponent(encodeURIComponent(`https://bitrix24.page.link/?link=${PORTAL_LINK}`))}`,
    ],
    [
      'in upper case hex and letters',
      `https://bitrix24.page.link/?link=https://x.bitrix24.de/?INTENT=PUSHOTPINIT%2f${TAG}%3b${HASH}`,
    ],
    ['with a broken escape elsewhere', `https://bitrix24.page.link/?link=${PORTAL_LINK}&x=100%`],
    ['as a fragment', `https://portal.example.com/mobile/#intent=pushOtpInit%2F${TAG}%3B${HASH}`],
    [
      'with its ampersands HTML-escaped',
      `https://bitrix24.page.link/?apn=com.bitrix24.android&amp;link=https://x.example/?a=1&amp;intent=pushOtpInit%2F${TAG}%3B${HASH}`,
    ],
    ['the app scheme', 'bitrix24://qr-auth?token=abc123'],
    ['the app scheme in capitals', 'BITRIX24://'],
    ['the short app scheme', 'b24://auth/confirm?id=5'],
  ])('recognises a Bitrix24 mobile-app sign-in link (%s) and explains what to do instead', (_how, text) => {
    expect(classifyQrPayload(text)).toEqual({ kind: 'bitrix24-app', message: BITRIX24_APP_MESSAGE });
  });

  it('keeps nothing of the link it recognised: no text, only the explanation', () => {
    const payload = classifyQrPayload(`https://bitrix24.page.link/?link=${PORTAL_LINK}`);
    expect(JSON.stringify(payload)).not.toContain(HASH);
    expect(JSON.stringify(payload)).not.toContain(TAG);
  });

  it('tells the user what to do instead of scanning the app QR', () => {
    expect(BITRIX24_APP_MESSAGE).toMatch(/Bitrix24 mobile app/);
    expect(BITRIX24_APP_MESSAGE).toMatch(/cannot approve/);
    expect(BITRIX24_APP_MESSAGE).toMatch(/recovery codes/);
    expect(BITRIX24_APP_MESSAGE).toMatch(/authenticator-app/);
  });

  it.each([
    'http://b24-k7x3qp.bitrix24.com/mobile/qr/',
    'https://bitrix24.com.evil.example/qr/auth',
    'https://evil.example/bitrix24.com/qr',
    'https://b24-k7x3qp.bitrix24.com:8443/qr',
    'https://b24-k7x3qp.bitrix24.com/crm/deal/',
    'mybitrix24://qr',
    // Guesses an earlier version made by host and words in the path: links to a portal are just links.
    'https://b24-k7x3qp.bitrix24.com/mobile/qr/?auth=abc',
    'https://company.bitrix24.de/?login=yes&qr=1',
    'https://portal.example.com/?intent=pushOtpInitX',
    'https://portal.example.com/?myintent=pushOtpInit/abc',
    'https://portal.example.com/?intent=otpInit/abc',
  ])('does not mistake other links for the Bitrix24 app: %s', (text) => {
    expect(isBitrix24AppLink(text)).toBe(false);
    expect(classifyQrPayload(text).kind).toBe('not-otp');
  });

  it('never throws, whatever the text', () => {
    const texts = [
      'otpauth://',
      'otpauth:',
      'otpauth-migration:',
      '\0\0\0',
      '\uD800',
      'otpauth://totp/%E0%A4%A',
      'https://[::1',
      'bitrix24:',
    ];
    for (const text of texts) expect(() => classifyQrPayload(text)).not.toThrow();
    expect(() => classifyQrPayload(undefined as unknown as string)).not.toThrow();
  });
});

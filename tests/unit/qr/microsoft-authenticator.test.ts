import { describe, expect, it } from 'vitest';
import {
  classifyQrPayload,
  isMicrosoftAuthenticatorLink,
  MICROSOFT_AUTHENTICATOR_MESSAGE,
  scanImage,
  toScanFinding,
} from '../../../lib/qr';
import { encodeQr } from './qrencode';

const CODE = '518227904';
/** The activation QR a Microsoft work or school account shows for "Microsoft Authenticator". */
const ACTIVATION = `phonefactor://activate_account?code=${CODE}&url=https%3a%2f%2fmobileappcommunicator.auth.microsoft.com%2factivatev2%2f${CODE}%2fWEU`;

describe('Microsoft Authenticator activation QR codes', () => {
  it.each([
    ['as Microsoft shows it', ACTIVATION],
    ['with upper-case escapes', ACTIVATION.replace(/%2f/g, '%2F').replace('%3a', '%3A')],
    ['in capitals', ACTIVATION.replace('phonefactor', 'PHONEFACTOR')],
    ['with padding from the encoder', `${ACTIVATION}\r\n\0`],
    ['without an address', `phonefactor://activate_account?code=${CODE}`],
  ])('are recognised (%s) and explained, with nothing of the link kept', (_, text) => {
    const payload = classifyQrPayload(text);
    expect(payload).toEqual({ kind: 'microsoft-authenticator', message: MICROSOFT_AUTHENTICATOR_MESSAGE });
    expect(JSON.stringify(payload)).not.toContain(CODE);
  });

  it('the explanation says what the code is and what to choose instead', () => {
    expect(MICROSOFT_AUTHENTICATOR_MESSAGE).toMatch(/Microsoft Authenticator app/);
    expect(MICROSOFT_AUTHENTICATOR_MESSAGE).toMatch(/no authenticator secret/);
    expect(MICROSOFT_AUTHENTICATOR_MESSAGE).toMatch(/I want to use a different authenticator app/);
  });

  it.each([
    'https://mobileappcommunicator.auth.microsoft.com/activatev2/518227904/WEU',
    'https://aka.ms/mfasetup',
    'myphonefactor://activate_account?code=1',
    'otpauth://totp/Microsoft:alice@contoso.com?secret=JBSWY3DPEHPK3PXP&issuer=Microsoft',
  ])('other Microsoft links are not taken for it: %s', (text) => {
    expect(isMicrosoftAuthenticatorLink(text)).toBe(false);
    expect(classifyQrPayload(text).kind).not.toBe('microsoft-authenticator');
  });

  it('a scan reports the kind but drops the decoded text, which would activate the account elsewhere', () => {
    const results = scanImage(encodeQr(ACTIVATION, { module: 4, margin: 4, level: 'M' }));
    expect(results.map((r) => [r.text, r.payload.kind])).toEqual([['', 'microsoft-authenticator']]);
    expect(toScanFinding(results[0]!)).toEqual({
      kind: 'microsoft-authenticator',
      message: MICROSOFT_AUTHENTICATOR_MESSAGE,
    });
  });
});

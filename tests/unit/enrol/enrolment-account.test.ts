import { describe, expect, it } from 'vitest';
import { createAccount, type Account } from '@/lib/account';
import { enrolmentAccount, reconcileEnrolment } from '@/lib/enrol';
import { parseOtpauthUri } from '@/lib/otp';

const ORIGIN = 'https://corp.example';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SPACED = 'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP';
const qr = (type: 'totp' | 'hotp', login = 'alice') =>
  parseOtpauthUri(
    `otpauth://${type}/corp.example%3A${login}?secret=${SECRET}&algorithm=SHA1&digits=6&issuer=corp.example${type === 'hotp' ? '&counter=1' : '&period=30'}`,
  );
const page = (over: Partial<Parameters<typeof enrolmentAccount>[0]>) =>
  enrolmentAccount({ fromQr: null, keyText: null, codeInputs: 1, origin: ORIGIN, userName: null, ...over });

describe('the account an enrolment page offers', () => {
  it('from the QR code: its login and parameters, bound to the page’s origin', () => {
    const result = page({ fromQr: qr('totp'), keyText: SPACED });
    expect(result).toMatchObject({
      ok: true,
      named: true,
      account: { type: 'totp', label: 'alice', issuer: 'corp.example', origins: [ORIGIN] },
    });
  });

  it('refuses a QR code and a key that differ, and a type the page does not ask for', () => {
    expect(page({ fromQr: qr('totp'), keyText: 'AAAA BBBB CCCC DDDD AAAA BBBB CCCC DDDD' })).toEqual({
      ok: false,
      refusal: 'mismatch',
    });
    expect(page({ fromQr: qr('totp'), codeInputs: 2 })).toEqual({ ok: false, refusal: 'type-mismatch' });
    expect(page({ fromQr: qr('hotp'), codeInputs: 1 })).toEqual({ ok: false, refusal: 'type-mismatch' });
  });

  it('from the key alone, HOTP starts at counter 1, where Bitrix’s QR code would have started it', () => {
    const result = page({ keyText: SPACED, codeInputs: 2, userName: 'bob' });
    expect(result).toMatchObject({
      ok: true,
      account: { type: 'hotp', counter: 1, secret: SECRET, algorithm: 'SHA1', digits: 6 },
    });
  });

  it('from the key alone, named after the person the page names, else the user is asked whose login it is', () => {
    expect(page({ keyText: SPACED, userName: 'Alice Andersen' })).toMatchObject({
      ok: true,
      named: true,
      account: { label: 'Alice Andersen', type: 'totp', period: 30 },
    });
    expect(page({ keyText: SPACED })).toEqual({ ok: false, refusal: 'name-needed' });
  });

  it('refuses a page with neither a readable QR code nor a key, and a page with no field for the code', () => {
    expect(page({ keyText: 'not a key!' })).toEqual({ ok: false, refusal: 'no-secret' });
    expect(page({ keyText: SPACED, codeInputs: 0 })).toEqual({ ok: false, refusal: 'no-code-fields' });
  });
});

describe('how a new enrolment relates to the vault', () => {
  const stored = (label: string, secret: string, origins = [ORIGIN]): Account & { id: string } => ({
    ...createAccount({ type: 'totp', secret, label, issuer: 'corp.example', origins }),
    id: label,
  });
  const other = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

  it('the same secret is a duplicate', () => {
    const candidate = page({ fromQr: qr('totp') });
    if (!candidate.ok) throw new Error('expected an account');
    expect(reconcileEnrolment([stored('alice', SECRET)], candidate)).toMatchObject({
      kind: 'duplicate',
      twin: { id: 'alice' },
    });
  });

  it('only the same login on the same portal is offered for replacement', () => {
    const candidate = page({ fromQr: qr('totp', 'ALICE') });
    if (!candidate.ok) throw new Error('expected an account');
    expect(reconcileEnrolment([stored('alice', other)], candidate)).toMatchObject({
      kind: 'replaces',
      previous: { id: 'alice' },
    });
    expect(reconcileEnrolment([stored('bob', other)], candidate)).toEqual({ kind: 'new' });
    expect(reconcileEnrolment([stored('alice', other, ['https://other.example'])], candidate)).toEqual({ kind: 'new' });
  });

  it('a QR code that names no login (its label is the portal) replaces nothing: a second person on the portal gets their own', () => {
    const unnamed = page({
      fromQr: parseOtpauthUri(`otpauth://totp/corp.example?secret=${SECRET}&issuer=corp.example`),
    });
    if (!unnamed.ok) throw new Error('expected an account');
    expect(unnamed.named).toBe(false);
    expect(reconcileEnrolment([stored('corp.example', other)], unnamed)).toEqual({ kind: 'new' });
  });
});

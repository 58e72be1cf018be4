import type { Algorithm } from '@/lib/account/types';
import { formatOtpauthUri } from '@/lib/otp/uri-format';
import { portalOrigin } from '../shared/portal-origin';

/** The Add account form as typed. */
export interface TypedKey {
  portal: string;
  issuer: string;
  label: string;
  secret: string;
  type: 'totp' | 'hotp';
  algorithm: Algorithm;
  digits: string;
  period: string;
  counter: string;
}

export const EMPTY_TYPED_KEY: TypedKey = {
  portal: '',
  issuer: '',
  label: '',
  secret: '',
  type: 'totp',
  algorithm: 'SHA1',
  digits: '6',
  period: '30',
  counter: '0',
};

export type TypedKeyField = 'portal' | 'issuer' | 'label' | 'secret' | 'digits' | 'period' | 'counter' | 'algorithm';

/**
 * The form as an `otpauth://` link, written by the same code that exports links, so the background
 * validates a typed key exactly like a scanned one. The key's spaces (Bitrix24 shows it in groups of
 * four) are dropped here; every other character goes through, escaped, for the background to judge.
 */
export function typedKeyUri(form: TypedKey): string {
  const origin = portalOrigin(form.portal);
  let host = '';
  try {
    if (origin) host = new URL(origin).host;
  } catch {
    // The background reports the bad portal address; the issuer just stays empty.
  }
  return formatOtpauthUri({
    type: form.type,
    secret: encodeURIComponent(form.secret.replace(/\s+/g, '')),
    algorithm: form.algorithm,
    digits: wholeNumber(form.digits),
    period: wholeNumber(form.period),
    counter: wholeNumber(form.counter),
    issuer: form.issuer.trim() || host,
    label: form.label.trim(),
    origins: [],
  });
}

/** A typed number as the link carries it; anything else becomes NaN, which the link shows as-is. */
function wholeNumber(text: string): number {
  return /^\s*\d{1,16}\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** Which field a failure code from the background is about; null for the form as a whole. */
export function fieldOfFailure(code: string): TypedKeyField | null {
  if (code.includes('secret')) return 'secret';
  if (code.includes('label')) return 'label';
  if (code.includes('issuer')) return 'issuer';
  if (code === 'bad-origin') return 'portal';
  if (code === 'bad-digits') return 'digits';
  if (code === 'bad-period') return 'period';
  if (code === 'bad-counter') return 'counter';
  if (code === 'bad-algorithm') return 'algorithm';
  return null;
}

import { AccountError, createAccount, type Account } from '../account';
import { OtpUriError } from './errors';
import { decodeComponent, parseQuery } from './query';

/** Far above any real provisioning URI (Bitrix24's are ~150 characters), far below a hang. */
export const MAX_URI_LENGTH = 4096;

const SCHEME = 'otpauth://';
const NUMBER = /^[0-9]{1,20}$/;

/**
 * Reads one `otpauth://{totp|hotp|steam}/[issuer:]label?secret=…` provisioning URI (Google's Key
 * URI format, as Bitrix24 and most services emit it) into a validated account.
 * Throws `OtpUriError` for every malformed input; the account's `origins` are left empty because a
 * URI says nothing about where it may be used.
 */
export function parseOtpauthUri(uri: string): Account {
  const text = uri.trim();
  if (text.length > MAX_URI_LENGTH) {
    throw new OtpUriError('too-long', `The link is too long (${text.length} characters; at most ${MAX_URI_LENGTH}).`);
  }
  if (text.slice(0, SCHEME.length).toLowerCase() !== SCHEME) throw schemeError(text);

  const rest = text.slice(SCHEME.length);
  const slash = rest.indexOf('/');
  if (slash === -1) throw new OtpUriError('bad-uri', 'The link has no account name (nothing after "otpauth://type/").');
  const host = rest.slice(0, slash).toLowerCase();
  const afterHost = rest.slice(slash + 1);
  const question = afterHost.indexOf('?');
  const rawLabel = question === -1 ? afterHost : afterHost.slice(0, question);
  const params = parseQuery(question === -1 ? '' : afterHost.slice(question + 1));

  const steam = host === 'steam' || (host === 'totp' && params.get('encoder')?.toLowerCase() === 'steam');
  if (host !== 'totp' && host !== 'hotp' && host !== 'steam') {
    throw new OtpUriError(
      'bad-type',
      `"${host.slice(0, 20)}" codes are not supported; the link must start with otpauth://totp/ or otpauth://hotp/.`,
    );
  }
  const secret = params.get('secret');
  if (secret === undefined || secret.trim() === '') {
    throw new OtpUriError('missing-secret', 'The link has no secret key ("secret=" is missing or empty).');
  }
  const { issuer, label } = issuerAndLabel(decodeComponent(rawLabel, 'account name'), params.get('issuer'));

  try {
    return createAccount({
      type: host === 'hotp' ? 'hotp' : 'totp',
      steam,
      secret,
      algorithm: params.get('algorithm'),
      digits: numberParam(params, 'digits'),
      period: host === 'hotp' ? undefined : numberParam(params, 'period'),
      counter: host === 'hotp' ? numberParam(params, 'counter') : undefined,
      issuer,
      label,
    });
  } catch (error) {
    if (error instanceof AccountError) throw new OtpUriError(error.code, error.message);
    throw error;
  }
}

/**
 * The label is `[issuer:]account`, the colon literal or `%3A` (Bitrix24 sends `%3A`), optionally
 * followed by spaces. When both the prefix and the `issuer` parameter are present they must agree
 * (ignoring case, which some issuers vary); the parameter wins because the spec prefers it.
 */
function issuerAndLabel(path: string, issuerParam: string | undefined): { issuer: string; label: string } {
  const colon = path.indexOf(':');
  const prefix = colon === -1 ? '' : path.slice(0, colon).trim();
  const label = colon === -1 ? path : path.slice(colon + 1).trimStart();
  const param = issuerParam?.trim() ?? '';
  if (prefix !== '' && param !== '' && prefix.toLowerCase() !== param.toLowerCase()) {
    throw new OtpUriError(
      'issuer-mismatch',
      `The link names two different issuers ("${prefix.slice(0, 40)}" and "${param.slice(0, 40)}"); it may have been tampered with.`,
    );
  }
  return { issuer: param !== '' ? param : prefix, label };
}

/** Numbers must be plain decimal digits: no sign, exponent or fraction slips through `Number()`. */
function numberParam(params: Map<string, string>, name: 'digits' | 'period' | 'counter'): number | undefined {
  const raw = params.get(name);
  if (raw === undefined) return undefined;
  const value = raw.trim();
  if (NUMBER.test(value)) return Number(value);
  const code = name === 'digits' ? 'bad-digits' : name === 'period' ? 'bad-period' : 'bad-counter';
  throw new OtpUriError(code, `The "${name}" value "${raw.slice(0, 20)}" is not a whole number.`);
}

function schemeError(text: string): OtpUriError {
  if (/^otpauth-migration:/i.test(text)) {
    return new OtpUriError(
      'bad-scheme',
      'This is a Google Authenticator export link holding several accounts; use Import to read it.',
    );
  }
  return new OtpUriError('bad-scheme', 'This is not an authenticator link; such links start with "otpauth://".');
}

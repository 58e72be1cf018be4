import { OtpUriError } from './errors';

/** Percent-decodes one URI component; malformed escapes or UTF-8 become a typed error. */
export function decodeComponent(raw: string, what: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new OtpUriError('bad-encoding', `The ${what} in the link is garbled (bad %-escape). Copy the link again.`);
  }
}

/**
 * Splits a query string into lower-cased names and decoded values. Stricter than URLSearchParams:
 * a repeated parameter is an error rather than a silent pick, and bad escapes are not passed through.
 * `+` means space, as issuers form-encode (`issuer=Air+Canada`).
 */
export function parseQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawName = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    const name = decodeComponent(rawName.replace(/\+/g, ' '), 'parameter name').toLowerCase();
    const value = decodeComponent(rawValue.replace(/\+/g, ' '), `"${name.slice(0, 20)}" parameter`);
    if (params.has(name)) {
      throw new OtpUriError('duplicate-parameter', `The link sets "${name.slice(0, 20)}" twice, so it is ambiguous.`);
    }
    params.set(name, value);
  }
  return params;
}

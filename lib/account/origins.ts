import { AccountError } from './errors';
import { MAX_ORIGIN_LENGTH, MAX_ORIGINS } from './limits';

/**
 * Validates the origins an account is bound to. Each must already be a bare origin
 * (`https://host[:port]`), because the binding is a security decision: silently rewriting a URL
 * with a path into its origin could bind the account to something the user did not choose.
 */
export function normalizeOrigins(raw: readonly string[]): string[] {
  if (raw.length > MAX_ORIGINS) {
    throw new AccountError('bad-origin', `An account can be bound to at most ${MAX_ORIGINS} portals.`);
  }
  const origins: string[] = [];
  for (const value of raw) {
    const origin = parseOrigin(value);
    if (!origins.includes(origin)) origins.push(origin);
  }
  return origins;
}

function parseOrigin(value: string): string {
  const invalid = new AccountError(
    'bad-origin',
    `"${value.slice(0, 100)}" is not a portal address such as https://company.bitrix24.com.`,
  );
  if (value.length > MAX_ORIGIN_LENGTH) throw invalid;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== value) throw invalid;
  return url.origin;
}

/** The origin of a tab's address when it is a web page (http or https), which accounts can be bound to. */
export function webOrigin(url: string | undefined): string | null {
  try {
    const parsed = new URL(url ?? '');
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

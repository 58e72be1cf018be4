import { isPortalUrl } from '../bitrix/portal-origins';

export type FillRefusal = 'not-portal' | 'cross-origin-frame' | 'no-account' | 'insecure-page';

export interface BoundAccount {
  id: string;
  origins: readonly string[];
}

export type FillDecision<A extends BoundAccount> =
  | { ok: true; origin: string; accounts: A[] }
  | {
      ok: false;
      refusal: FillRefusal;
      origin: string /** Where this page's accounts are bound instead, to explain. */;
      nearMisses: string[];
    };

/**
 * Whether codes may go into a frame, decided from what the browser says about the tab and the
 * frame, never from what the page claims. An account's code goes only to a frame whose origin is
 * exactly one the account is bound to (scheme, host and port), inside a tab showing that same origin.
 */
export function decideFill<A extends BoundAccount>(
  tabUrl: string,
  frameOrigin: string,
  accounts: readonly A[],
  grantedOrigins: readonly string[],
): FillDecision<A> {
  const top = new URL(tabUrl);
  const refuse = (refusal: FillRefusal, nearMisses: string[] = []): FillDecision<A> => ({
    ok: false,
    refusal,
    origin: frameOrigin,
    nearMisses,
  });
  if (!isPortalUrl(top, grantedOrigins)) return refuse('not-portal');
  if (frameOrigin !== top.origin) return refuse('cross-origin-frame');
  const matching = accounts.filter((account) => account.origins.includes(frameOrigin));
  if (matching.length > 0) return { ok: true, origin: frameOrigin, accounts: matching };
  const host = top.hostname;
  const nearMisses = [
    ...new Set(accounts.flatMap((a) => a.origins).filter((o) => sameSite(new URL(o).hostname, host))),
  ];
  // An https account on its http twin: the code would travel unencrypted.
  const insecureTwin = top.protocol === 'http:' && nearMisses.includes(`https://${top.host}`);
  return refuse(insecureTwin ? 'insecure-page' : 'no-account', nearMisses);
}

/** Hosts a user could take for one another: the same name, or one a suffix of the other. */
function sameSite(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`) || registrable(a) === registrable(b);
}

const registrable = (host: string) => host.split('.').slice(-2).join('.');

import { createAccount, normalizeSecret, sameSecret, type Account } from '../account';
import { pageLogin, sameLogin } from './page-login';

/** `name-needed`: only the key, and the page names nobody; the user is asked whose login it is. */
export type EnrolmentRefusal = 'mismatch' | 'type-mismatch' | 'no-secret' | 'no-code-fields' | 'name-needed';

export interface EnrolmentPage {
  /** The account the page's QR code holds, if one could be read. */
  fromQr: Account | null;
  /** The key as the page shows it for typing by hand (spaced in fours). */
  keyText: string | null;
  /** The page's code inputs: one for TOTP, two for HOTP, none where the page has nowhere to put a code. */
  codeInputs: number;
  /** The origin the account is bound to, as the browser reported the page's. */
  origin: string;
  /** Whom the page's header names, where it does, or the login the user typed when asked. */
  userName: string | null;
}

export type EnrolmentAccount =
  | { ok: true; account: Account /** The label is the person's login or name, not a stand-in. */; named: boolean }
  | { ok: false; refusal: EnrolmentRefusal };

function keySecret(keyText: string | null): string | null {
  if (!keyText) return null;
  try {
    return normalizeSecret(keyText);
  } catch {
    return null;
  }
}

/**
 * The account an enrolment page offers. The QR code wins (it names the login and the parameters);
 * a key shown beside it must be the same one. From the key alone, Bitrix's defaults: SHA1, 6 digits,
 * 30 s, and for HOTP counter 1, where Bitrix's provisioning URI starts (BITRIX.md). The account is
 * named after the login in the QR code, else the user named on the page; else the user is asked, so
 * that two people enrolling on one portal never share a name (nor one replace the other).
 */
export function enrolmentAccount(page: EnrolmentPage): EnrolmentAccount {
  const secret = keySecret(page.keyText);
  if (!page.fromQr && !secret) return { ok: false, refusal: 'no-secret' };
  if (page.codeInputs === 0) return { ok: false, refusal: 'no-code-fields' };
  const wantsHotp = page.codeInputs === 2;
  if (page.fromQr) {
    if (secret && secret !== page.fromQr.secret) return { ok: false, refusal: 'mismatch' };
    if ((page.fromQr.type === 'hotp') !== wantsHotp) return { ok: false, refusal: 'type-mismatch' };
    const label = pageLogin(page.fromQr.label);
    const named = label !== '' && label !== page.fromQr.issuer;
    return { ok: true, account: createAccount({ ...page.fromQr, label, origins: [page.origin] }), named };
  }
  const userName = page.userName ? pageLogin(page.userName) : '';
  if (!userName) return { ok: false, refusal: 'name-needed' };
  const host = new URL(page.origin).hostname;
  const account = createAccount({
    type: wantsHotp ? 'hotp' : 'totp',
    secret: secret!,
    ...(wantsHotp ? { counter: 1 } : {}),
    issuer: host,
    label: userName,
    origins: [page.origin],
  });
  return { ok: true, account, named: true };
}

export type Reconciliation<A extends Account> =
  | { kind: 'duplicate'; twin: A }
  /**
   * The same login on the same portal (as the user would read it: invisible characters and
   * look-alike forms do not make another): connecting this device makes that one's secret stop working.
   */
  | { kind: 'replaces'; previous: A }
  | { kind: 'new' };

/**
 * How a new enrolment relates to the vault. Only the same login on the same portal is offered for
 * replacement; an account named after the portal alone (nobody's login known) never replaces anything,
 * so a second person enrolling on the same portal gets an account of their own.
 */
export function reconcileEnrolment<A extends Account>(
  accounts: readonly A[],
  candidate: EnrolmentAccount & { ok: true },
): Reconciliation<A> {
  const twin = accounts.find((a) => sameSecret(a, candidate.account));
  if (twin) return { kind: 'duplicate', twin };
  if (!candidate.named) return { kind: 'new' };
  const origin = candidate.account.origins[0]!;
  const previous = accounts.find((a) => sameLogin(a.label, candidate.account.label) && a.origins.includes(origin));
  return previous ? { kind: 'replaces', previous } : { kind: 'new' };
}

/** What ordering needs of an account: the names and portals, never the secret. */
export interface Named {
  issuer: string;
  label: string;
  origins: readonly string[];
}

/** The portal's host for display: `company.bitrix24.com`, or '' when the account is bound to none. */
export function portalHost(account: Named): string {
  const [first] = account.origins;
  if (first === undefined) return '';
  try {
    return new URL(first).host;
  } catch {
    return first;
  }
}

/** What the account is called in lists: its issuer, else its portal, else nothing extra. */
export function accountTitle(account: Named): string {
  return account.issuer || portalHost(account);
}

export const isBoundTo = (account: Named, origin: string | null): boolean =>
  origin !== null && account.origins.includes(origin);

/**
 * Accounts of the current tab's portal first, then alphabetically by issuer and login, ignoring
 * case and accents. Sorting keys are folded once per account and compared as plain strings: an
 * `Intl.Collator` costs some 20 ms on the popup's first sort of 1000 accounts, plain keys about one.
 */
export function orderAccounts<A extends Named>(accounts: readonly A[], activeOrigin: string | null): A[] {
  return accounts
    .map((account) => ({
      account,
      bound: isBoundTo(account, activeOrigin),
      key: `${foldCase(accountTitle(account))}\u0000${foldCase(account.label)}`,
    }))
    .sort((a, b) => Number(b.bound) - Number(a.bound) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ account }) => account);
}

/** Lower case without accents, for matching and sorting names as people read them. */
export function foldCase(text: string): string {
  // Most names are ASCII, where there are no accents to strip.
  const lower = text.toLowerCase();
  return /[^\x00-\x7f]/.test(lower) ? lower.normalize('NFD').replace(/\p{M}/gu, '') : lower;
}

import type { AccountSummary } from '@/lib/protocol';

/** The portal's host for display: `company.bitrix24.com`, or '' when the account is bound to none. */
export function portalHost(account: AccountSummary): string {
  const [first] = account.origins;
  if (first === undefined) return '';
  try {
    return new URL(first).host;
  } catch {
    return first;
  }
}

/** What the account is called in lists: its issuer, else its portal, else nothing extra. */
export function accountTitle(account: AccountSummary): string {
  return account.issuer || portalHost(account);
}

/** "issuer (login)" for labels read aloud, where one line must name the account unambiguously. */
export function accountName(account: AccountSummary): string {
  const title = accountTitle(account);
  return title && title !== account.label ? `${title} — ${account.label}` : account.label;
}

export const isBoundTo = (account: AccountSummary, origin: string | null): boolean =>
  origin !== null && account.origins.includes(origin);

/**
 * Accounts of the current tab's portal first, then alphabetically by issuer and login, ignoring
 * case and accents. Sorting keys are folded once per account and compared as plain strings: an
 * `Intl.Collator` costs some 20 ms on the popup's first sort of 1000 accounts, plain keys about one.
 */
export function orderAccounts(accounts: readonly AccountSummary[], activeOrigin: string | null): AccountSummary[] {
  return accounts
    .map((account) => ({
      account,
      bound: isBoundTo(account, activeOrigin),
      key: `${fold(accountTitle(account))}\u0000${fold(account.label)}`,
    }))
    .sort((a, b) => Number(b.bound) - Number(a.bound) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ account }) => account);
}

/** Case- and accent-insensitive match of every word of the query against issuer, login and portals. */
export function filterAccounts(accounts: readonly AccountSummary[], query: string): AccountSummary[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return accounts.slice();
  return accounts.filter((account) => {
    const haystack = fold([account.issuer, account.label, ...account.origins].join(' '));
    return words.every((word) => haystack.includes(word));
  });
}

function fold(text: string): string {
  // Most names are ASCII, where there are no accents to strip.
  const lower = text.toLowerCase();
  return /[^\x00-\x7f]/.test(lower) ? lower.normalize('NFD').replace(/\p{M}/gu, '') : lower;
}

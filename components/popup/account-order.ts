import type { AccountSummary } from '@/lib/protocol';
import { accountTitle, foldCase } from '@/lib/account/order';

// Ordering is shared with the background, which sends the popup its first screen already in order.
export { accountTitle, isBoundTo, orderAccounts, portalHost } from '@/lib/account/order';

/** "issuer (login)" for labels read aloud, where one line must name the account unambiguously. */
export function accountName(account: AccountSummary): string {
  const title = accountTitle(account);
  return title && title !== account.label ? `${title} — ${account.label}` : account.label;
}

/** Case- and accent-insensitive match of every word of the query against issuer, login and portals. */
export function filterAccounts(accounts: readonly AccountSummary[], query: string): AccountSummary[] {
  const words = foldCase(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return accounts.slice();
  return accounts.filter((account) => {
    const haystack = foldCase([account.issuer, account.label, ...account.origins].join(' '));
    return words.every((word) => haystack.includes(word));
  });
}

import type { AccountCard } from '../bitrix/page-state';

const normalized = (text: string) => text.trim().toLowerCase();

/**
 * The one account the modern page's account card names (by login, or by the user's name where an
 * enrolment could only learn that), among the accounts already bound to the page's origin. The card
 * only narrows the user's own accounts for that exact origin; it never widens the choice. Undefined
 * when the card names none of them, or several.
 */
export function pickCardAccount<A extends { label: string }>(
  accounts: readonly A[],
  card: AccountCard | null,
): A | undefined {
  if (!card) return undefined;
  for (const shown of [card.login, card.name]) {
    if (!shown) continue;
    const matches = accounts.filter((account) => normalized(account.label) === normalized(shown));
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) return undefined;
  }
  return undefined;
}

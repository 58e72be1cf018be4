import type { AccountCard } from '../bitrix/page-state';
import { pickCardAccount } from './card-account';

export interface FillCandidate {
  id: string;
  type: 'totp' | 'hotp' | 'recovery';
  issuer: string;
  label: string;
}

export interface AccountQuestion {
  kind: 'otp' | 'recovery';
  /** What the user picked (the page's account list), if anything. */
  accountId?: string;
  /** Whom the page's account card names. */
  card: AccountCard | null;
  via: 'button' | 'shortcut' | 'menu' | 'popup' | 'load';
  /** The account last chosen on this portal. */
  lastChoice?: string;
}

export type AccountAnswer<A> =
  /**
   * `remember`: the user's choice among several, worth offering first next time (not a pick of the
   * page's account card, which is not the user's choice, nor the only account there is).
   */
  | { kind: 'account'; account: A; remember: boolean }
  /** The user chooses; the card's account, else the last choice, first. */
  | { kind: 'choose'; choices: A[] }
  | { kind: 'refused'; refusal: 'recovery-only' | 'no-account' };

/**
 * Which of the accounts bound to the page's origin a fill uses, or that the user must choose. An
 * account of recovery codes only has no one-time code. The page's account card may pick a one-time
 * code, which lasts seconds; a recovery code lasts until used, so for those the user still chooses.
 * The shortcut and the menu reuse the last choice; the page's button always asks, so a page cannot
 * make it pick for the user. The popup names its account itself.
 */
export function chooseFillAccount<A extends FillCandidate>(
  accounts: readonly A[],
  question: AccountQuestion,
): AccountAnswer<A> {
  const candidates = question.kind === 'otp' ? accounts.filter((a) => a.type !== 'recovery') : [...accounts];
  if (candidates.length === 0) return { kind: 'refused', refusal: 'recovery-only' };
  if (question.accountId) {
    const picked = candidates.find((a) => a.id === question.accountId);
    if (!picked) return { kind: 'refused', refusal: 'no-account' };
    return { kind: 'account', account: picked, remember: candidates.length > 1 };
  }
  if (candidates.length === 1) return { kind: 'account', account: candidates[0]!, remember: false };
  const named = pickCardAccount(candidates, question.card);
  if (question.kind === 'otp' && named) return { kind: 'account', account: named, remember: false };
  if (question.via === 'popup') return { kind: 'refused', refusal: 'no-account' };
  if (question.via !== 'button') {
    const last = candidates.find((a) => a.id === question.lastChoice);
    if (last) return { kind: 'account', account: last, remember: true };
  }
  const rank = (a: A) => (a.id === named?.id ? 2 : a.id === question.lastChoice ? 1 : 0);
  return { kind: 'choose', choices: [...candidates].sort((a, b) => rank(b) - rank(a)) };
}

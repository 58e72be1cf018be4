import type { AccountCard } from './page-state';
import { isRendered, isUsableField } from './visibility';

/**
 * The modern (Vue 3) intranet sign-in page, as ../../shared/BITRIX.md describes it: one form built
 * by script into `[data-role=otp-container]` and rebuilt on each step, so every query is made anew.
 */
export const MODERN = {
  recoveryContainer: '.intranet-verification-code.--recovery-codes',
  recoveryBoxes: '.intranet-verification-code.--recovery-codes input.intranet-char-input',
  digitBoxes: 'input.intranet-digit-input',
  pushLinks: '[data-testid^="bx-intranet-2fa-main-push-"]',
  pushAlternativeWay: '[data-testid="bx-intranet-2fa-main-push-alternative-way"]',
  recoveryMethod: '[data-testid="bx-intranet-2fa-alternative-methods-recovery-codes"]',
  cardLogin: '.intranet-account-card__login',
  cardName: '.intranet-account-card__full-name',
} as const;

/** Bitrix's recovery code has eight characters around its dash: one box each. */
const RECOVERY_BOXES = 8;

const usable = (root: ParentNode, selector: string) =>
  [...root.querySelectorAll<HTMLInputElement>(selector)].filter(isUsableField);

/** The eight boxes of the recovery-code step, when the page shows them. */
export function recoveryCodeBoxes(doc: Document): HTMLInputElement[] {
  const boxes = usable(doc, MODERN.recoveryBoxes);
  return boxes.length === RECOVERY_BOXES ? boxes : [];
}

/** The SMS or app verification-code step: one-digit boxes whose code only the phone has. */
export function showsPhoneCodeBoxes(doc: Document): boolean {
  return usable(doc, MODERN.digitBoxes).length > 0;
}

/** The push step: its "send again" and "other way" links are on screen. */
export function showsPushStep(doc: Document): boolean {
  return [...doc.querySelectorAll(MODERN.pushLinks)].some(isRendered);
}

/** The account card of the modern page: the login and the name of whoever is signing in. */
export function accountCard(doc: Document): AccountCard | null {
  const text = (selector: string) => doc.querySelector(selector)?.textContent?.trim() || null;
  const login = text(MODERN.cardLogin);
  const name = text(MODERN.cardName);
  return login || name ? { login, name } : null;
}

import { isRendered } from './visibility';

/** The Security page's enrolment block (`security.user.otp.init`, ../../shared/BITRIX.md). */
export const ENROLMENT = {
  container: '#user-otp-container',
  qrBlock: '[data-role="qr-code-block"]',
  keyText: 'table.bx-otp-token-result-code span',
  checkCodes: 'input[data-role="check-code"]',
  /** Bitrix24's header shows the signed-in user's name here. */
  userName: '#user-name',
} as const;

/** The block the enrolment QR code is drawn into, when the page shows one. */
export function enrolmentQrBlock(doc: Document): HTMLElement | null {
  const block = doc.querySelector<HTMLElement>(`${ENROLMENT.container} ${ENROLMENT.qrBlock}`);
  // Whatever draws the code (an image, a canvas, SVG, a table or a CSS background) is inside it.
  return block && isRendered(block) && block.firstElementChild ? block : null;
}

/** The key for typing by hand, spaced in fours as Bitrix shows it. */
export function enrolmentKeyText(doc: Document): string | null {
  return doc.querySelector(`${ENROLMENT.container} ${ENROLMENT.keyText}`)?.textContent?.trim() || null;
}

/** Whom the enrolment is for, as the page's header shows it; a name for the account when the QR code has none. */
export function signedInUserName(doc: Document): string | null {
  return doc.querySelector(ENROLMENT.userName)?.textContent?.trim() || null;
}

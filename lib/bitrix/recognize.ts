import { ENROLMENT, enrolmentQrBlock } from './enrolment';
import { accountCard, recoveryCodeBoxes, showsPhoneCodeBoxes, showsPushStep } from './modern-login';
import type { RecognizedPage } from './page-state';
import { isRendered, isUsableField } from './visibility';

/** Bitrix's recovery codes: `ab12-cd34` (BITRIX.md). */
const RECOVERY_CODE = /^[a-z0-9]{4}-[a-z0-9]{4}$/;
/** Words that mark a field as the recovery-code entry, in the languages Bitrix24 speaks most. */
const RECOVERY_WORDS =
  /recovery|backup code|резерв|восстановл|wiederherstell|recuperaci|récupération|recupero|kurtarma|odzyskiw|відновл/i;
/** A placeholder shaped like a recovery code, e.g. `xxxx-xxxx`. */
const RECOVERY_PLACEHOLDER = /^[a-z0-9]{4}-[a-z0-9]{4}$/i;

function usableInputs(root: ParentNode, selector: string): HTMLInputElement[] {
  return [...root.querySelectorAll<HTMLInputElement>(selector)].filter(isUsableField);
}

/** What the page says about a field: its own attributes and its label. */
function describedAs(input: HTMLInputElement): string {
  const labels = [...(input.labels ?? [])].map((label) => label.textContent ?? '');
  return [
    input.name,
    input.id,
    input.placeholder,
    input.getAttribute('aria-label') ?? '',
    input.dataset.role ?? '',
    ...labels,
  ].join(' ');
}

function isRecoveryEntry(input: HTMLInputElement): boolean {
  return RECOVERY_WORDS.test(describedAs(input)) || RECOVERY_PLACEHOLDER.test(input.placeholder);
}

/** The recovery codes page: several codes shown as text (Bitrix shows all ten, used ones struck). */
function showsRecoveryCodes(doc: Document): boolean {
  let shown = 0;
  for (const element of doc.body?.querySelectorAll('li, td, span, div, p, code') ?? []) {
    if (
      element.childElementCount === 0 &&
      RECOVERY_CODE.test(element.textContent?.trim() ?? '') &&
      isRendered(element)
    ) {
      if (++shown >= 3) return true;
    }
  }
  return false;
}

/**
 * Recognises a Bitrix24 sign-in or security page from its markup alone (../shared/BITRIX.md). The
 * server reads only the field names (`USER_OTP`, `USER_PASSWORD`, `AUTH_FORM`), so those are what
 * every template shares: the component form, the site-header widget (`system_auth_form*`), the
 * intranet login pages old and Vue-era, the control panel, and forms built by script. Only a field
 * the user can see and type into counts. A pure function of the DOM.
 */
export function recognizePage(doc: Document, _url: URL | string): RecognizedPage {
  const none: RecognizedPage = { state: 'none', codeField: null, codeBoxes: [], checkFields: [], account: null };

  const enrolment = doc.querySelector(ENROLMENT.container);
  if (enrolment) {
    const checkFields = usableInputs(enrolment, ENROLMENT.checkCodes);
    // A QR code without code inputs (push two-factor's app link) is still read, to say what it is.
    if (checkFields.length > 0 || enrolmentQrBlock(doc)) return { ...none, state: 'enrol', checkFields };
  }

  // The modern page: each step is told by what it shows, and says whom it signs in.
  const account = accountCard(doc);
  const codeBoxes = recoveryCodeBoxes(doc);
  if (codeBoxes.length > 0) return { ...none, state: 'recovery', codeBoxes, account };
  if (showsPhoneCodeBoxes(doc)) return { ...none, state: 'phone-code', account };
  if (showsPushStep(doc)) return { ...none, state: 'push', account };

  const [otpField] = usableInputs(doc, 'input[name="USER_OTP"]');
  if (otpField) return { ...none, state: isRecoveryEntry(otpField) ? 'recovery' : 'otp', codeField: otpField, account };

  // The newer cloud sign-in asks for a recovery code in a field of its own.
  const recoveryField = usableInputs(doc, 'input[type="text"], input:not([type])').find(isRecoveryEntry);
  if (recoveryField) return { ...none, state: 'recovery', codeField: recoveryField, account };

  const [password] = usableInputs(doc, 'input[name="USER_PASSWORD"]');
  if (password?.form?.querySelector('input[name="AUTH_FORM"]')) return { ...none, state: 'password' };

  if (showsRecoveryCodes(doc)) return { ...none, state: 'recovery-codes' };
  // Every Bitrix page of a signed-in user links to `?logout=yes`.
  if (doc.querySelector('a[href*="logout=yes"]')) return { ...none, state: 'signed-in' };
  return none;
}

import type { RecognizedPage } from './page-state';
import { isUsableField } from './visibility';

function usableInputs(root: ParentNode, selector: string): HTMLInputElement[] {
  return [...root.querySelectorAll<HTMLInputElement>(selector)].filter(isUsableField);
}

/**
 * Recognises a Bitrix24 sign-in or security page from its markup alone (../shared/BITRIX.md): the
 * server only reads the field names, so those are what every template shares. A pure function of the
 * DOM, so it runs the same in unit tests and in the content script.
 */
export function recognizePage(doc: Document, _url: URL | string): RecognizedPage {
  const none: RecognizedPage = { state: 'none', codeField: null, checkFields: [] };

  const enrolment = doc.querySelector('#user-otp-container');
  if (enrolment) {
    const checkFields = usableInputs(enrolment, 'input[data-role="check-code"]');
    if (checkFields.length > 0) return { state: 'enrol', codeField: null, checkFields };
  }

  const [otpField] = usableInputs(doc, 'input[name="USER_OTP"]');
  if (otpField) return { state: 'otp', codeField: otpField, checkFields: [] };

  const [password] = usableInputs(doc, 'input[name="USER_PASSWORD"]');
  if (password && password.form?.querySelector('input[name="AUTH_FORM"]')) {
    return { ...none, state: 'password' };
  }
  return none;
}

import { isUsableField } from '../bitrix/visibility';
import { decideSubmit, formSubmission, frameNames, type SubmitRefusal } from './submit-target';

export type FillFieldResult = 'filled' | 'user-typed' | 'unusable';

/**
 * Puts `code` into `input` the way typing would: through the native value setter (so frameworks
 * that wrap `value` notice) and with `input` and `change` events. It never overwrites what the user
 * typed: a field is ours to fill when it is empty or still holds what we put there (`ourLastValue`).
 */
export function fillField(input: HTMLInputElement, code: string, ourLastValue: string | null = null): FillFieldResult {
  if (!input.isConnected || !isUsableField(input)) return 'unusable';
  if (input.value !== '' && input.value !== ourLastValue) return 'user-typed';
  const view = input.ownerDocument.defaultView;
  input.focus();
  setNativeValue(input, code);
  input.dispatchEvent(new (view?.Event ?? Event)('input', { bubbles: true }));
  input.dispatchEvent(new (view?.Event ?? Event)('change', { bubbles: true }));
  return 'filled';
}

/** Sets `value` through the input's native setter, past any wrapper a framework put on `value`. */
export function setNativeValue(input: HTMLInputElement, value: string): void {
  const view = input.ownerDocument.defaultView;
  const setter = view && Object.getOwnPropertyDescriptor(view.HTMLInputElement.prototype, 'value')?.set;
  if (setter) setter.call(input, value);
  else input.value = value;
}

export type SubmitResult = 'submitted' | 'no-form' | SubmitRefusal;

/**
 * Submits the code's form as its own submit button would, so the page's submit handlers run; but
 * only where the submission stays with `frameOrigin` (lib/fill/submit-target.ts). Otherwise the
 * form is left for the user to send, and the result says why.
 */
export function submitFieldForm(input: HTMLInputElement, frameOrigin: string): SubmitResult {
  const form = input.form;
  if (!form) return 'no-form';
  // The submitter's name goes with the form: Bitrix's classic form names its button `Otp`. Only a
  // control the form owns: a button inside it may belong to another form through `form=`.
  const owned = (element: Element) =>
    !element.hasAttribute('form') || (form.id !== '' && element.getAttribute('form') === form.id);
  const button =
    [...form.elements].find(
      (element): element is HTMLInputElement | HTMLButtonElement =>
        owned(element) &&
        ((element.tagName === 'INPUT' && (element as HTMLInputElement).type === 'submit') ||
          (element.tagName === 'BUTTON' && (element as HTMLButtonElement).type === 'submit')),
    ) ?? null;
  const decision = decideSubmit(frameOrigin, formSubmission(form, button), frameNames(form.ownerDocument));
  if (!decision.ok) return decision.refusal;
  form.requestSubmit(button ?? undefined);
  return 'submitted';
}

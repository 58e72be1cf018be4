import { isUsableField } from '../bitrix/visibility';

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

/** Submits the code's form as its own submit button would, so the page's submit handlers run. */
export function submitFieldForm(input: HTMLInputElement): boolean {
  const form = input.form;
  if (!form) return false;
  // The submitter's name goes with the form: Bitrix's classic form names its button `Otp`.
  const button = form.querySelector<HTMLInputElement | HTMLButtonElement>(
    'input[type="submit"], button[type="submit"], button:not([type])',
  );
  form.requestSubmit(button ?? undefined);
  return true;
}

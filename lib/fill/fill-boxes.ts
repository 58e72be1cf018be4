import { isUsableField } from '../bitrix/visibility';
import { setNativeValue, type FillFieldResult } from './fill-field';

export type FillBoxesResult = FillFieldResult | 'rejected';

/**
 * Types `code` across one-character boxes (the modern page's recovery-code step), one character a
 * box, the way a keyboard does: `keydown`, then, unless the page cancelled it, the character through
 * the native value setter and an `input` event, then `keyup`. Pages that take characters in their
 * `keydown` handler and pages that read `input` both see what typing would give them. The dash is
 * not typed: the boxes hold the eight characters around it. Typing starts in the first box and
 * goes on in the next one, whether or not the page moves the focus itself.
 *
 * Resolves once the page has had its turn (a component updates its state after the event): `filled`
 * only if the boxes, or the form's `USER_OTP` the page fills from them, then hold the code.
 */
export async function fillBoxes(boxes: readonly HTMLInputElement[], code: string): Promise<FillBoxesResult> {
  const characters = [...code.replace(/-/g, '')];
  if (boxes.length === 0 || characters.length !== boxes.length) return 'unusable';
  if (!boxes.every((box) => box.isConnected && isUsableField(box))) return 'unusable';
  if (boxes.some((box) => box.value !== '')) return 'user-typed';
  const form = boxes[0]!.form;
  characters.forEach((character, i) => {
    typeCharacter(boxes[i]!, character);
  });
  // A component re-renders after the event (Vue's nextTick is a microtask); a task later it has.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const typed = boxes.map((box) => box.value.toLowerCase()).join('');
  const posted = form?.querySelector<HTMLInputElement>('input[name="USER_OTP"]')?.value ?? '';
  return typed === characters.join('').toLowerCase() || posted === code ? 'filled' : 'rejected';
}

function typeCharacter(box: HTMLInputElement, character: string): void {
  const view = box.ownerDocument.defaultView!;
  if (box.ownerDocument.activeElement !== box) box.focus();
  const key = { key: character, bubbles: true, cancelable: true, composed: true };
  const allowed = box.dispatchEvent(new view.KeyboardEvent('keydown', key));
  if (allowed) {
    setNativeValue(box, character);
    box.dispatchEvent(
      new view.InputEvent('input', { data: character, inputType: 'insertText', bubbles: true, composed: true }),
    );
  }
  box.dispatchEvent(new view.KeyboardEvent('keyup', key));
}

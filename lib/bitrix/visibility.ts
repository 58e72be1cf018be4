/**
 * Bitrix keeps hidden copies of its fields (the control panel has a hidden `USER_OTP` before the
 * password step), so only a field the user can see and type into counts.
 */
export function isUsableField(input: HTMLInputElement): boolean {
  if (input.type === 'hidden' || input.disabled || input.readOnly) return false;
  return isRendered(input);
}

export function isRendered(element: Element): boolean {
  const view = element.ownerDocument.defaultView;
  if (!view) return false;
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (node instanceof view.HTMLElement && node.hidden) return false;
    const style = view.getComputedStyle(node);
    if (style.display === 'none') return false;
    if (node === element && (style.visibility === 'hidden' || style.visibility === 'collapse')) return false;
  }
  return true;
}

/** What the user sees of a field: its size in CSS pixels, how opaque it is, whether a look at it finds it. */
export interface FieldView {
  width: number;
  height: number;
  /** The product of its own and its ancestors' opacity. */
  opacity: number;
  /** A hit test near its left edge (where the extension's own button never sits) lands on the field itself. */
  onTop: boolean;
}

/** The least a field must show to be filled without the user asking (auto-fill on load). */
export const PLAINLY_SHOWN = { width: 64, height: 16, opacity: 0.5 } as const;

/**
 * A sign-in field the user plainly sees: of real size, not faded out, in the viewport and not
 * covered. Auto-fill on load puts a code only there, never into a field a page shrank to a pixel,
 * made transparent, moved off screen or hid under something else to collect codes unnoticed.
 */
export function isPlainlyShown(view: FieldView): boolean {
  return (
    view.width >= PLAINLY_SHOWN.width &&
    view.height >= PLAINLY_SHOWN.height &&
    view.opacity >= PLAINLY_SHOWN.opacity &&
    view.onTop
  );
}

/** The field as the user sees it, measured in its document. */
export function fieldView(input: HTMLInputElement): FieldView {
  const doc = input.ownerDocument;
  const view = doc.defaultView;
  const rect = input.getBoundingClientRect();
  let opacity = 1;
  for (let node: Element | null = input; node && view; node = node.parentElement) {
    const value = Number.parseFloat(view.getComputedStyle(node).opacity);
    if (Number.isFinite(value)) opacity *= value;
  }
  // Outside the viewport a hit test finds nothing: an off-screen field is not on top.
  const x = rect.left + Math.min(4, rect.width / 2);
  const y = rect.top + rect.height / 2;
  const hit = typeof doc.elementFromPoint === 'function' ? doc.elementFromPoint(x, y) : null;
  return { width: rect.width, height: rect.height, opacity, onTop: hit === input };
}

/** A usable field (`isUsableField`) the user plainly sees (`isPlainlyShown`). */
export function isShownToUser(input: HTMLInputElement): boolean {
  return isUsableField(input) && isPlainlyShown(fieldView(input));
}

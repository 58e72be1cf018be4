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

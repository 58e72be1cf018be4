import type { ComponentChildren } from 'preact';
import { useFocusOnMount } from './use-focus-on-mount';

/** A plain button that takes focus when it appears: the way back or out, so a stray Enter does no harm. */
export function FocusedButton({ onClick, children }: { onClick(): void; children: ComponentChildren }) {
  const ref = useFocusOnMount<HTMLButtonElement>();
  return (
    <button type="button" ref={ref} onClick={onClick}>
      {children}
    </button>
  );
}

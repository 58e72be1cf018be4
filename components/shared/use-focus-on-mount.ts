import { useEffect, useRef } from 'preact/hooks';

/**
 * A ref whose element takes focus when it first appears. The `autofocus` attribute does this only
 * once per page load, and the popup swaps screens without loading, so focus is moved by hand.
 */
export function useFocusOnMount<T extends HTMLElement>(enabled = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus();
  }, []);
  return ref;
}

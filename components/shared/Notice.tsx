import type { ComponentChildren } from 'preact';

/**
 * A message the user should notice without moving focus: polite for results, assertive for errors.
 * Always rendered (empty when there is nothing to say) so screen readers track the live region.
 */
export function Notice({
  kind = 'info',
  children,
}: {
  kind?: 'info' | 'error' | 'success';
  children?: ComponentChildren;
}) {
  return (
    <div
      class={`notice notice-${kind}`}
      role={kind === 'error' ? 'alert' : 'status'}
      data-empty={children ? undefined : ''}
    >
      {children}
    </div>
  );
}

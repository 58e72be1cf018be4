/**
 * Whether a click on the in-page button may act, or must open the extension's popup instead.
 *
 * A script on the portal's page cannot press the button (only trusted events count), but it can
 * make the user press it unknowingly: make it transparent, cover it with a decoy that lets clicks
 * through, or slide it under the pointer just before a click. So a click acts only when the button
 * has been fully visible, unmoved and in its own styles for a moment; any other click opens the
 * popup, which the page cannot draw over.
 */

/** How long the button must have been visible and still before a click counts (ms). */
export const SETTLE_MS = 500;

export interface ClickContext {
  /**
   * When the browser last began to report the clicked part as really visible (IntersectionObserver
   * v2: unoccluded, unfaded, untransformed), or null if it does not now. Browsers without that
   * observer cannot tell, and give null.
   */
  visibleSince: number | null;
  /** When the button last moved on the page. */
  movedAt: number;
  /** The button's own computed styles, and its ancestors', are what the extension set. */
  stylesIntact: boolean;
  now: number;
}

export type ClickDecision = 'act' | 'open-popup';

export function clickDecision({ visibleSince, movedAt, stylesIntact, now }: ClickContext): ClickDecision {
  if (!stylesIntact || visibleSince === null) return 'open-popup';
  if (now - visibleSince < SETTLE_MS || now - movedAt < SETTLE_MS) return 'open-popup';
  return 'act';
}

/** Computed style values the button's host and its ancestors must keep for a click to count. */
export const INTACT_STYLES: Readonly<Record<string, (value: string) => boolean>> = {
  opacity: (v) => v === '1',
  visibility: (v) => v === 'visible',
  filter: (v) => v === 'none',
  mixBlendMode: (v) => v === 'normal',
  clipPath: (v) => v === 'none',
  mask: (v) => v === 'none' || v === '',
  transform: (v) => v === 'none',
  pointerEvents: (v) => v !== 'none',
};

/** Whether every style in `INTACT_STYLES` holds for each computed style given (the host's, then its ancestors'). */
export function stylesIntact(styles: readonly Record<string, string>[]): boolean {
  return styles.every((style) =>
    Object.entries(INTACT_STYLES).every(([property, ok]) => ok(String(style[property] ?? 'none'))),
  );
}

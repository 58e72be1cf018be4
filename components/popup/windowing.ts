/** Every row has one height, so the list can place any row without measuring the others. */
export const ROW_HEIGHT = 56;
/** Rows drawn beyond the visible ones, so fast scrolling and Tab never land on a gap. */
const OVERSCAN = 4;

/** The rows to draw for a scroll position: only those in view plus a few either side. */
export function visibleRange(scrollTop: number, viewportHeight: number, count: number): { start: number; end: number } {
  const first = Math.floor(scrollTop / ROW_HEIGHT);
  const visible = Math.ceil(viewportHeight / ROW_HEIGHT) + 1;
  return { start: Math.max(0, first - OVERSCAN), end: Math.min(count, first + visible + OVERSCAN) };
}

/** The scroll position that brings row `index` fully into view, or the current one if it already is. */
export function scrollToShow(index: number, scrollTop: number, viewportHeight: number): number {
  const top = index * ROW_HEIGHT;
  if (top < scrollTop) return top;
  if (top + ROW_HEIGHT > scrollTop + viewportHeight) return top + ROW_HEIGHT - viewportHeight;
  return scrollTop;
}

import { describe, expect, it } from 'vitest';
import { clickDecision, SETTLE_MS, stylesIntact } from '@/lib/fill/click-guard';

const NOW = 100_000;
const settled = { visibleSince: NOW - SETTLE_MS, movedAt: NOW - SETTLE_MS, stylesIntact: true, now: NOW };
const plain = {
  opacity: '1',
  visibility: 'visible',
  filter: 'none',
  mixBlendMode: 'normal',
  clipPath: 'none',
  mask: 'none',
  transform: 'none',
  pointerEvents: 'auto',
};

describe('a click on the in-page button', () => {
  it('acts when the button has been visible and still for a moment, in its own styles', () => {
    expect(clickDecision(settled)).toBe('act');
  });

  it.each([
    ['covered or faded now (or the browser cannot tell)', { visibleSince: null }],
    ['visible only just now', { visibleSince: NOW - SETTLE_MS + 1 }],
    ['moved under the pointer just now', { movedAt: NOW - 10 }],
    ['restyled by the page', { stylesIntact: false }],
  ])('opens the popup instead when %s', (_, change) => {
    expect(clickDecision({ ...settled, ...change })).toBe('open-popup');
  });
});

describe('the button keeps its own styles', () => {
  it('holds for the styles the extension sets', () => {
    expect(stylesIntact([plain, { ...plain, pointerEvents: 'auto' }])).toBe(true);
  });

  it.each([
    { opacity: '0' },
    { opacity: '0.99' },
    { visibility: 'hidden' },
    { filter: 'opacity(0)' },
    { mixBlendMode: 'multiply' },
    { clipPath: 'inset(50%)' },
    { mask: 'linear-gradient(transparent, transparent)' },
    { transform: 'matrix(1, 0, 0, 1, 0, 0)' },
    { pointerEvents: 'none' },
  ])('fails for %j on the host or any ancestor', (change) => {
    expect(stylesIntact([{ ...plain, ...change }])).toBe(false);
    expect(stylesIntact([plain, { ...plain, ...change }])).toBe(false);
  });
});

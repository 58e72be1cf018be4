import type { MessageKey } from '../i18n';
import type { FillRefusal } from './fill-policy';

/**
 * Who reads a refusal: `page` the portal's page, in the in-page note (the button, the shortcut, the
 * context menu, auto-fill), which the page can read out of the closed shadow root, since selecting
 * all and copying takes in its text; `extension` one of the extension's own pages (the popup).
 */
export type RefusalAudience = 'page' | 'extension';

export interface RefusalWords {
  key: MessageKey;
  substitutions: string[];
}

/**
 * The words for a refusal. What the page reads never names the user's other portals: on a
 * look-alike or a hostile portal in the same zone that list would tell the page where else the user
 * signs in. It may name the page's own origin, and on an `http` page its own `https` twin.
 */
export function refusalWords(
  decision: { refusal: FillRefusal; origin: string; nearMisses: readonly string[] },
  audience: RefusalAudience,
): RefusalWords {
  switch (decision.refusal) {
    case 'not-portal':
      return { key: 'fillRefusedNotPortal', substitutions: [] };
    case 'cross-origin-frame':
      return { key: 'fillRefusedFrame', substitutions: [decision.origin] };
    case 'insecure-page':
      return { key: 'fillRefusedInsecure', substitutions: [decision.origin.replace(/^http:/, 'https:')] };
    case 'no-account':
      if (decision.nearMisses.length === 0) return { key: 'fillRefusedNoAccount', substitutions: [decision.origin] };
      return audience === 'extension'
        ? { key: 'fillRefusedNearMiss', substitutions: [decision.origin, decision.nearMisses.join(', ')] }
        : { key: 'fillRefusedOtherPortal', substitutions: [decision.origin] };
  }
}

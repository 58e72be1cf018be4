import type { PolicyProblem } from './errors';
import type { Policy } from './policy';

/** Match patterns for the company's portals, for the content script and the context menu. */
export function policyPortalPatterns(policy: Policy): string[] {
  return (policy.portals ?? []).map((portal) => `${portal.origin}/*`);
}

/** With `restrictToPortals`, an account may be bound only to the company's portals, and to at least one. */
export function originsOutsidePortals(origins: readonly string[], policy: Policy): PolicyProblem | null {
  if (policy.restrictToPortals !== true) return null;
  if (origins.length === 0) {
    return {
      code: 'portal-required',
      params: [],
      message: 'Your organization allows accounts only for its own portals: bind this account to one of them.',
    };
  }
  const allowed = new Set((policy.portals ?? []).map((p) => p.origin));
  const outside = origins.filter((origin) => !allowed.has(origin)).join(', ');
  return outside
    ? {
        code: 'outside-portals',
        params: [outside],
        message: `Your organization allows accounts only for its own portals, not for ${outside}.`,
      }
    : null;
}

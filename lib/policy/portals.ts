import type { Policy } from './policy';

/** Match patterns for the company's portals, for the content script and the context menu. */
export function policyPortalPatterns(policy: Policy): string[] {
  return (policy.portals ?? []).map((portal) => `${portal.origin}/*`);
}

/** With `restrictToPortals`, an account may be bound only to the company's portals, and to at least one. */
export function originsOutsidePortals(origins: readonly string[], policy: Policy): string[] | null {
  if (policy.restrictToPortals !== true) return null;
  const allowed = new Set((policy.portals ?? []).map((p) => p.origin));
  const outside = origins.filter((origin) => !allowed.has(origin));
  return origins.length === 0 ? ['(no portal)'] : outside.length > 0 ? outside : null;
}

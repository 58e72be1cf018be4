import { CLOUD_MATCH_PATTERNS, isCloudPortalUrl } from './cloud-hosts';

const PATTERN = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*:]+)(?::(\d+))?\/(.*)$/;

/** Chrome match-pattern semantics for the host-permission patterns the extension asks for. */
export function matchesPattern(url: URL, pattern: string): boolean {
  const m = PATTERN.exec(pattern);
  if (!m) return false;
  const [, scheme, host = '', port] = m;
  const protocol = url.protocol.slice(0, -1);
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : protocol !== scheme) return false;
  if (port !== undefined && url.port !== port) return false;
  const hostname = url.hostname.toLowerCase();
  if (host === '*') return true;
  if (host.startsWith('*.')) {
    const base = host.slice(2).toLowerCase();
    return hostname === base || hostname.endsWith(`.${base}`);
  }
  return hostname === host.toLowerCase();
}

/**
 * The granted patterns that name self-hosted portals: not the cloud zones (the manifest already covers
 * them) and never a catch-all, so a broad grant does not put the content script on every site.
 */
export function selfHostedPatterns(granted: readonly string[]): string[] {
  return granted.filter((pattern) => {
    const m = PATTERN.exec(pattern);
    return m !== null && m[2] !== '*' && !CLOUD_MATCH_PATTERNS.includes(pattern);
  });
}

/** A page the extension may act on: a cloud portal, or a self-hosted portal the user or admin enabled. */
export function isPortalUrl(url: URL, granted: readonly string[]): boolean {
  return isCloudPortalUrl(url) || selfHostedPatterns(granted).some((p) => matchesPattern(url, p));
}

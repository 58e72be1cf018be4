import { matchesPattern, selfHostedPatterns } from '@/lib/bitrix';
import { policyPortalPatterns } from '@/lib/policy';
import { currentPolicy } from './policy-source';
import { grantedOrigins } from './senders';

/**
 * Self-hosted portals the content script runs on: those the user enabled, and the company's portals
 * from the policy wherever the browser has granted access to them.
 */
export async function portalPatterns(): Promise<string[]> {
  const granted = await grantedOrigins();
  const { policy } = await currentPolicy();
  const company = policyPortalPatterns(policy).filter((pattern) => {
    const origin = new URL(pattern.slice(0, -2));
    return granted.some((grant) => matchesPattern(origin, grant));
  });
  return [...new Set([...selfHostedPatterns(granted), ...company])];
}

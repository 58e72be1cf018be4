import type { Account } from './types';

/**
 * Two accounts are duplicates when they share a key and a code kind: the same key may legitimately
 * back both a TOTP and an HOTP entry, but never two entries of one kind. Names are ignored because
 * apps rename accounts freely.
 */
export function duplicateKey(account: Pick<Account, 'type' | 'secret' | 'steam' | 'label' | 'origins'>): string {
  // Without a secret, an account is its login on its portals.
  if (account.type === 'recovery')
    return `recovery:${account.label.toLowerCase()}@${[...account.origins].sort().join(' ')}`;
  return `${account.steam ? 'steam' : account.type}:${account.secret}`;
}

export function sameSecret(a: Account, b: Account): boolean {
  return duplicateKey(a) === duplicateKey(b);
}

import type { Account } from '../account';
import { formatOtpauthUri } from '../otp';

/**
 * One `otpauth://` link a line, the plainest format every authenticator app can take in, and the
 * one `importAccounts` reads back. Ends with a newline, as text files do.
 */
export function exportOtpauthList(accounts: readonly Account[]): string {
  return accounts.map((account) => `${formatOtpauthUri(account)}\n`).join('');
}

import { VaultError } from './errors';

/**
 * Only emptiness is refused here; how strong a master password must be is the UI's policy, which
 * can explain itself better than an error from storage can.
 */
export function checkPassword(password: string): void {
  if (typeof password !== 'string' || password === '') {
    throw new VaultError('empty-password', 'Enter a password.');
  }
}

import { parseAlgorithm } from './algorithm';
import { AccountError } from './errors';
import {
  DEFAULT_DIGITS,
  DEFAULT_PERIOD,
  MAX_COUNTER,
  MAX_DIGITS,
  MAX_PERIOD,
  MIN_DIGITS,
  STEAM_DIGITS,
} from './limits';
import { normalizeOrigins } from './origins';
import { normalizeSecret } from './secret';
import { normalizeIssuer, normalizeLabel } from './text-fields';
import type { Account, AccountInput, Algorithm } from './types';

/**
 * The one gate every account passes through, whatever it was read from: validates each field,
 * fills defaults and normalises, so the rest of the extension can trust an `Account`.
 * Throws `AccountError` with a message the user can act on.
 */
export function createAccount(input: AccountInput): Account {
  const type = input.type ?? 'totp';
  if (type === 'recovery') return recoveryOnlyAccount(input);
  if (type !== 'totp' && type !== 'hotp') {
    throw new AccountError(
      'bad-type',
      `"${String(type).slice(0, 20)}" accounts are not supported; only TOTP and HOTP are.`,
    );
  }
  const steam = input.steam === true;
  if (steam && type !== 'totp') throw new AccountError('bad-type', 'A Steam account must be time-based.');

  const secret = normalizeSecret(input.secret);
  const algorithm: Algorithm = input.algorithm === undefined ? 'SHA1' : parseAlgorithm(input.algorithm);
  const digits = steam ? steamDigits(input.digits) : checkDigits(input.digits ?? DEFAULT_DIGITS);
  if (steam && algorithm !== 'SHA1') {
    throw new AccountError('bad-algorithm', 'Steam accounts always use SHA1.');
  }
  const issuer = normalizeIssuer(input.issuer ?? '');
  // An account without a name of its own is named after its service, as most apps show it.
  const label = normalizeLabel(input.label === undefined || input.label.trim() === '' ? issuer : input.label);

  const account: Account = {
    type,
    secret,
    algorithm,
    digits,
    period: type === 'totp' ? checkPeriod(input.period ?? DEFAULT_PERIOD) : DEFAULT_PERIOD,
    counter: type === 'hotp' ? checkCounter(input.counter) : 0,
    issuer,
    label,
    origins: normalizeOrigins(input.origins ?? []),
  };
  if (input.id !== undefined) account.id = input.id;
  if (steam) account.steam = true;
  return account;
}

/**
 * A login kept only for its recovery codes (see `AccountType`): named after the login and bound to
 * the portal whose recovery step it fills; the code fields hold their defaults and are never used.
 */
function recoveryOnlyAccount(input: AccountInput): Account {
  if (input.label === undefined || input.label.trim() === '') {
    throw new AccountError('missing-label', 'Enter the login this account signs in with.');
  }
  const origins = normalizeOrigins(input.origins ?? []);
  if (origins.length === 0) {
    throw new AccountError('recovery-needs-portal', 'Recovery codes are filled on one portal: enter its address.');
  }
  const account: Account = {
    type: 'recovery',
    secret: '',
    algorithm: 'SHA1',
    digits: DEFAULT_DIGITS,
    period: DEFAULT_PERIOD,
    counter: 0,
    issuer: normalizeIssuer(input.issuer ?? new URL(origins[0]!).hostname),
    label: normalizeLabel(input.label),
    origins,
  };
  if (input.id !== undefined) account.id = input.id;
  return account;
}

function checkDigits(digits: number): number {
  if (!Number.isInteger(digits) || digits < MIN_DIGITS || digits > MAX_DIGITS) {
    throw new AccountError(
      'bad-digits',
      `Codes of ${String(digits).slice(0, 20)} digits are not supported; codes have ${MIN_DIGITS} to ${MAX_DIGITS} digits.`,
    );
  }
  return digits;
}

function steamDigits(digits: number | undefined): number {
  if (digits !== undefined && digits !== STEAM_DIGITS) {
    throw new AccountError('bad-digits', `Steam codes always have ${STEAM_DIGITS} characters.`);
  }
  return STEAM_DIGITS;
}

function checkPeriod(period: number): number {
  if (!Number.isInteger(period) || period < 1 || period > MAX_PERIOD) {
    throw new AccountError(
      'bad-period',
      `A code period of ${String(period).slice(0, 20)} seconds is not valid; it must be a whole number of seconds, at least 1.`,
    );
  }
  return period;
}

function checkCounter(counter: number | undefined): number {
  if (counter === undefined) {
    throw new AccountError('bad-counter', 'The counter of this counter-based (HOTP) account is missing.');
  }
  if (!Number.isSafeInteger(counter) || counter < 0 || counter > MAX_COUNTER) {
    throw new AccountError(
      'bad-counter',
      `The counter ${String(counter).slice(0, 30)} is not valid; it must be a whole number from 0 to ${MAX_COUNTER}.`,
    );
  }
  return counter;
}

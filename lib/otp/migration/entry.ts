import {
  AccountError,
  createAccount,
  secretFromBytes,
  secretToBytes,
  type Account,
  type Algorithm,
} from '../../account';
import { MigrationEntryError } from './errors';
import { ALGORITHM, DIGIT_COUNT, OTP_TYPE, type MigrationOtp } from './payload';

const ALGORITHMS: Record<number, Algorithm> = {
  [ALGORITHM.unspecified]: 'SHA1',
  [ALGORITHM.sha1]: 'SHA1',
  [ALGORITHM.sha256]: 'SHA256',
  [ALGORITHM.sha512]: 'SHA512',
};
const DIGITS: Record<number, number> = {
  [DIGIT_COUNT.unspecified]: 6,
  [DIGIT_COUNT.six]: 6,
  [DIGIT_COUNT.eight]: 8,
};

/**
 * One exported entry as an account. Google Authenticator has no period field (always 30 s) and
 * treats an unspecified algorithm or digit count as the default, so the same is done here.
 * Throws `MigrationEntryError`.
 */
export function migrationOtpToAccount(otp: MigrationOtp): Account {
  const type = otp.type === OTP_TYPE.hotp ? 'hotp' : otp.type === OTP_TYPE.totp ? 'totp' : null;
  if (type === null) throw new MigrationEntryError('bad-type', 'The entry is neither time- nor counter-based.');
  const algorithm = ALGORITHMS[otp.algorithm];
  if (algorithm === undefined) {
    const name = otp.algorithm === ALGORITHM.md5 ? 'MD5' : `number ${otp.algorithm}`;
    throw new MigrationEntryError(
      'bad-algorithm',
      `The entry uses the hash ${name}; only SHA1, SHA256 and SHA512 are supported.`,
    );
  }
  const digits = DIGITS[otp.digits];
  if (digits === undefined) throw new MigrationEntryError('bad-digits', 'The entry has an unknown code length.');
  if (type === 'hotp' && (otp.counter < 0n || otp.counter > BigInt(Number.MAX_SAFE_INTEGER))) {
    throw new MigrationEntryError('bad-counter', `The counter ${otp.counter} is out of range.`);
  }
  try {
    const secret = secretFromBytes(otp.secret);
    return createAccount({
      type,
      secret,
      algorithm,
      digits,
      counter: Number(otp.counter),
      ...issuerAndLabel(otp.name, otp.issuer),
    });
  } catch (error) {
    if (error instanceof AccountError) throw new MigrationEntryError(error.code, error.message);
    throw error;
  }
}

/**
 * Google Authenticator keeps the URI label as the name, so it may carry an `issuer:` prefix. It is
 * dropped when it repeats the issuer, and read as the issuer when there is no other.
 */
function issuerAndLabel(name: string, issuer: string): { issuer: string; label: string } {
  if (issuer !== '') {
    const prefix = `${issuer}:`;
    const prefixed = name.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase();
    return { issuer, label: prefixed ? name.slice(prefix.length) : name };
  }
  const colon = name.indexOf(':');
  if (colon === -1) return { issuer: '', label: name };
  return { issuer: name.slice(0, colon), label: name.slice(colon + 1) };
}

/** Why an account cannot travel in a Google Authenticator export, or `null` when it can. */
export function migrationIncompatibility(account: Account): MigrationEntryError | null {
  if (account.steam) return new MigrationEntryError('bad-type', 'Google Authenticator cannot show Steam codes.');
  if (account.digits !== 6 && account.digits !== 8) {
    return new MigrationEntryError(
      'bad-digits',
      `Google Authenticator only supports 6- or 8-digit codes, not ${account.digits}.`,
    );
  }
  if (account.type === 'totp' && account.period !== 30) {
    return new MigrationEntryError(
      'bad-period',
      `Google Authenticator only supports codes that change every 30 seconds, not every ${account.period}.`,
    );
  }
  return null;
}

/** The inverse of `migrationOtpToAccount`. Throws `MigrationEntryError` for an account it cannot carry. */
export function accountToMigrationOtp(account: Account): MigrationOtp {
  const incompatibility = migrationIncompatibility(account);
  if (incompatibility) throw incompatibility;
  return {
    secret: secretToBytes(account.secret),
    name: exportName(account),
    issuer: account.issuer,
    algorithm: { SHA1: ALGORITHM.sha1, SHA256: ALGORITHM.sha256, SHA512: ALGORITHM.sha512 }[account.algorithm],
    digits: account.digits === 8 ? DIGIT_COUNT.eight : DIGIT_COUNT.six,
    type: account.type === 'hotp' ? OTP_TYPE.hotp : OTP_TYPE.totp,
    counter: BigInt(account.type === 'hotp' ? account.counter : 0),
  };
}

/** The label, prefixed only where reading it back would otherwise mistake part of it for the issuer. */
function exportName({ issuer, label }: Account): string {
  if (issuer !== '') {
    const prefix = `${issuer}:`;
    return label.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase() ? prefix + label : label;
  }
  return label.includes(':') ? `:${label}` : label;
}

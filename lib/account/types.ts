/** HMAC hashes the extension supports; RFC 6238 allows exactly these three. */
export const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

export type OtpType = 'totp' | 'hotp';
/**
 * `recovery`: a portal login whose sign-in the extension can help with only by recovery codes, as
 * on Bitrix24's push two-factor, whose secret only the Bitrix24 app holds. Such an account has no
 * secret (`''`) and no codes of its own; its recovery codes are kept and filled as any account's.
 */
export type AccountType = OtpType | 'recovery';

/**
 * One sign-in account: what is needed to compute its codes plus what the extension binds it to.
 * Every `Account` value is normalised (see `createAccount`), so two accounts holding the same data
 * compare equal field by field.
 */
export interface Account {
  /** Assigned by the vault when stored; importers and parsers leave it unset. */
  id?: string;
  type: AccountType;
  /** Base32, upper-case, no padding, no spaces, canonical (re-encoded from the decoded bytes); `''` for `recovery`. */
  secret: string;
  algorithm: Algorithm;
  /** 6–8, or 5 for Steam. */
  digits: number;
  /** TOTP step in seconds; 30 for HOTP accounts, where it is unused. */
  period: number;
  /** HOTP moving factor (the next counter to use); 0 for TOTP accounts, where it is unused. */
  counter: number;
  /** Service name, e.g. the portal's server name for Bitrix24. May be empty. */
  issuer: string;
  /** Account name shown to the user; for Bitrix24 the user's login. Never empty. */
  label: string;
  /** Origins (`https://portal.bitrix24.com`) whose sign-in pages may receive this account's codes. */
  origins: string[];
  /** Steam Guard: a TOTP whose code is 5 characters from Steam's alphabet. Present only when true. */
  steam?: true;
}

/** Loosely typed account data as it comes from a URI or a file; `createAccount` validates it. */
export interface AccountInput {
  id?: string | undefined;
  type?: string | undefined;
  steam?: boolean | undefined;
  secret: string;
  algorithm?: string | undefined;
  digits?: number | undefined;
  period?: number | undefined;
  counter?: number | undefined;
  issuer?: string | undefined;
  label?: string | undefined;
  origins?: readonly string[] | undefined;
}

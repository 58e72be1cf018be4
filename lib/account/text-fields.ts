import { AccountError, type AccountErrorCode } from './errors';
import { MAX_ISSUER_LENGTH, MAX_LABEL_LENGTH } from './limits';

// Control characters would break line-based exports and can hide text; lone surrogates cannot be
// encoded into a URI or UTF-8 at all.
const CONTROL = /\p{Cc}/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface TextField {
  /** As the messages name it. */
  name: string;
  maxLength: number;
  tooLong: AccountErrorCode;
  invisible: AccountErrorCode;
}

const LABEL: TextField = {
  name: 'account name',
  maxLength: MAX_LABEL_LENGTH,
  tooLong: 'label-too-long',
  invisible: 'bad-label',
};
const ISSUER: TextField = {
  name: 'issuer name',
  maxLength: MAX_ISSUER_LENGTH,
  tooLong: 'issuer-too-long',
  invisible: 'bad-issuer',
};

/** Trimmed account name; throws when empty, over-long or holding characters that cannot travel. */
export function normalizeLabel(raw: string): string {
  const label = raw.trim();
  if (label === '') throw new AccountError('missing-label', 'The account name is missing.');
  return checked(label, LABEL);
}

/** Trimmed issuer; empty is allowed (many accounts have none). */
export function normalizeIssuer(raw: string): string {
  return checked(raw.trim(), ISSUER);
}

function checked(value: string, field: TextField): string {
  if (value.length > field.maxLength) {
    throw new AccountError(
      field.tooLong,
      `The ${field.name} is too long (${value.length} characters; at most ${field.maxLength}).`,
    );
  }
  if (CONTROL.test(value) || LONE_SURROGATE.test(value)) {
    throw new AccountError(field.invisible, `The ${field.name} contains invisible control characters.`);
  }
  return value;
}

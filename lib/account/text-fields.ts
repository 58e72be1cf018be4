import { AccountError } from './errors';
import { MAX_ISSUER_LENGTH, MAX_LABEL_LENGTH } from './limits';

// Control characters would break line-based exports and can hide text; lone surrogates cannot be
// encoded into a URI or UTF-8 at all.
const CONTROL = /\p{Cc}/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Trimmed account name; throws when empty, over-long or holding characters that cannot travel. */
export function normalizeLabel(raw: string): string {
  const label = raw.trim();
  if (label === '') throw new AccountError('missing-label', 'The account name is missing.');
  if (label.length > MAX_LABEL_LENGTH) {
    throw new AccountError(
      'label-too-long',
      `The account name is too long (${label.length} characters; at most ${MAX_LABEL_LENGTH}).`,
    );
  }
  if (CONTROL.test(label) || LONE_SURROGATE.test(label)) {
    throw new AccountError('bad-label', 'The account name contains invisible control characters.');
  }
  return label;
}

/** Trimmed issuer; empty is allowed (many accounts have none). */
export function normalizeIssuer(raw: string): string {
  const issuer = raw.trim();
  if (issuer.length > MAX_ISSUER_LENGTH) {
    throw new AccountError(
      'issuer-too-long',
      `The issuer name is too long (${issuer.length} characters; at most ${MAX_ISSUER_LENGTH}).`,
    );
  }
  if (CONTROL.test(issuer) || LONE_SURROGATE.test(issuer)) {
    throw new AccountError('bad-issuer', 'The issuer name contains invisible control characters.');
  }
  return issuer;
}

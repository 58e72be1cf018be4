import { AccountError } from './errors';
import type { Algorithm } from './types';

/** Accepts the spellings apps use (`SHA1`, `sha-256`, `SHA512`) and nothing else. */
export function parseAlgorithm(raw: string): Algorithm {
  const match = /^SHA-?(1|256|512)$/i.exec(raw.trim());
  if (!match) {
    throw new AccountError(
      'bad-algorithm',
      `The hash algorithm "${raw.slice(0, 40)}" is not supported; only SHA1, SHA256 and SHA512 are.`,
    );
  }
  return `SHA${match[1]}` as Algorithm;
}

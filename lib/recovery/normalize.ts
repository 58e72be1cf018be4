/** A Bitrix24 recovery code as Bitrix writes it: four letters or digits, a hyphen, four more. */
export const RECOVERY_CODE_PATTERN = /^[a-z0-9]{4}-[a-z0-9]{4}$/;

/** Hyphen look-alikes that word processors and chat apps substitute for "-". */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D_]/g;

export interface NormalizeOptions {
  /** Require the hyphen (or a dash look-alike) between the halves. */
  strict?: boolean;
}

/**
 * The canonical form of one code as a person might type or paste it (upper case, full-width
 * characters, a typographic dash, and unless `strict`, a space or nothing between the halves),
 * or `null` when it is not a recovery code. Never guesses at look-alike letters: "O" stays "o".
 */
export function normalizeRecoveryCode(input: string, options: NormalizeOptions = {}): string | null {
  const text = input.normalize('NFKC').trim().toLowerCase().replace(DASHES, '-');
  const halves = options.strict === true ? STRICT : RELAXED;
  const match = halves.exec(text);
  if (match === null) return null;
  return `${match[1]}-${match[2]}`;
}

const STRICT = /^([a-z0-9]{4})-([a-z0-9]{4})$/;
const RELAXED = /^([a-z0-9]{4})(?:-|\s+)?([a-z0-9]{4})$/;

export function isRecoveryCode(value: unknown): value is string {
  return typeof value === 'string' && RECOVERY_CODE_PATTERN.test(value);
}

import { MAX_LABEL_LENGTH } from '../account/limits';

// Zero-width and bidi format characters (\p{Cf}) draw nothing, so "alice" and "alice\u200b" look the
// same; NFKC folds look-alike compatibility forms (full-width letters, ligatures) onto plain ones.
const INVISIBLE = /\p{Cf}/gu;

/** A login or name as the enrolment page gave it, with what draws nothing taken out. */
export function pageLogin(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').trim();
}

/** Two logins a user could not tell apart on screen compare equal. */
export function sameLogin(a: string, b: string): boolean {
  return pageLogin(a).toLowerCase() === pageLogin(b).toLowerCase();
}

/**
 * The name an account keeps once an enrolment on its portal replaced it (`mark` words it, e.g.
 * "alice (replaced 2026-12-02)"), cut so that it stays within the account name's limit.
 */
export function replacedLabel(label: string, mark: (label: string) => string): string {
  const room = MAX_LABEL_LENGTH - mark('').length;
  return mark(label.length > room ? `${cutWhole(label, room - 1)}…` : label);
}

/** At most `units` UTF-16 units of `text`, never half a character (an emoji's surrogate pair). */
function cutWhole(text: string, units: number): string {
  let kept = '';
  for (const character of text) {
    if (kept.length + character.length > units) break;
    kept += character;
  }
  return kept;
}

import { normalizeRecoveryCode } from './normalize';

/** Stable codes so the UI can translate; `reason` is the English fallback. */
export type RecoveryRejectCode = 'not-a-code' | 'bad-character' | 'too-long';

export interface RejectedRecoveryInput {
  /** What the user typed (a word, or a whole line that held no code), shortened if very long. */
  input: string;
  code: RecoveryRejectCode;
  reason: string;
}

export interface ParsedRecoveryCodes {
  /** Canonical codes, in the order first seen, each once. */
  codes: string[];
  rejected: RejectedRecoveryInput[];
  /** How many repeats were dropped; not an error, pasting the list twice is common. */
  duplicates: number;
}

/** `recovery_codes.txt` is about 150 bytes; anything this long was pasted by mistake. */
export const MAX_RECOVERY_TEXT_LENGTH = 64 * 1024;
/** Enough to show what went wrong without flooding the screen. */
const MAX_REJECTED = 50;
const MAX_SHOWN_INPUT = 64;

/** A list number such as "1.", "2)", "#3" or a bare "4" before the code. */
const NUMBERING = /^(?:#?\d{1,3}[.):]?)$/;
const LEADING_MARKER = /^(?:[-*•·‣◦]\s*|#?\d{1,3}\s*[.):]\s*|\d{1,3}\s+(?=\S))/;
const SEPARATORS = /[\s,;|]+/;
/** Quotes, brackets and a full stop that cling to a code copied out of a sentence. */
const CLINGING = /^["'“”‘’«»([{<]+|["'“”‘’«»)\]}>.:]+$/g;
const HALF = /^[a-z0-9]{4}$/i;

/**
 * Reads recovery codes from Bitrix24's `recovery_codes.txt` ("1. ab12-cd34", CRLF) or from text
 * pasted in any reasonable layout: one or several per line, numbered or bulleted or not, upper
 * case. Reports what it could not read instead of guessing.
 *
 * Codes written without their hyphen ("ab12cd34", "ab12 cd34") are only accepted when the text
 * has no hyphenated code at all, and then only on lines made of nothing else: next to real codes,
 * "Bitrix24" would otherwise pass for a code, while someone who typed every code without hyphens
 * meant them as codes.
 */
export function parseRecoveryCodes(text: string): ParsedRecoveryCodes {
  if (text.length > MAX_RECOVERY_TEXT_LENGTH) {
    return {
      codes: [],
      rejected: [
        {
          input: shorten(text),
          code: 'too-long',
          reason: 'This text is far longer than a list of recovery codes. Paste only the codes.',
        },
      ],
      duplicates: 0,
    };
  }
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => ({ line, words: wordsOf(line) }));
  const relaxed = !lines.some(({ words }) =>
    words.some((word) => normalizeRecoveryCode(word, { strict: true }) !== null),
  );

  const found: string[] = [];
  const rejected: RejectedRecoveryInput[] = [];
  for (const { line, words } of lines) {
    const { codes, junk } = readWords(words, relaxed);
    found.push(...codes);
    // A line without a single code is one thing the user wrote (a heading, a note): report it whole.
    if (codes.length === 0) rejected.push(reject(line));
    else rejected.push(...junk.map(reject));
  }
  const codes = [...new Set(found)];
  return { codes, rejected: rejected.slice(0, MAX_REJECTED), duplicates: found.length - codes.length };
}

function wordsOf(line: string): string[] {
  let rest = line;
  // Markers can stack ("- 1. ab12-cd34"); a few rounds are plenty.
  for (let i = 0; i < 3 && LEADING_MARKER.test(rest); i++) rest = rest.replace(LEADING_MARKER, '');
  return rest
    .split(SEPARATORS)
    .map((w) => w.replace(CLINGING, ''))
    .filter((w) => w !== '');
}

function readWords(words: readonly string[], relaxed: boolean): { codes: string[]; junk: string[] } {
  const codes: string[] = [];
  const junk: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const code = normalizeRecoveryCode(word, { strict: !relaxed });
    if (code !== null) {
      codes.push(code);
      continue;
    }
    const next = words[i + 1];
    // "ab12 cd34": the halves of one code, split by a space.
    if (relaxed && HALF.test(word) && next !== undefined && HALF.test(next)) {
      const pair = normalizeRecoveryCode(`${word}-${next}`);
      if (pair !== null) {
        codes.push(pair);
        i++;
        continue;
      }
    }
    if (!NUMBERING.test(word)) junk.push(word);
  }
  // Without hyphens any eight-letter word reads as a code, so a relaxed line counts only when
  // every word on it is part of one ("Bitrix24 recovery codes" is a heading, not two codes).
  if (relaxed && junk.length > 0) return { codes: [], junk: [] };
  return { codes, junk };
}

function reject(input: string): RejectedRecoveryInput {
  const shown = shorten(input);
  if (!/\s/.test(input) && /[^a-z0-9\-\u2010-\u2015\u2212_]/i.test(input.normalize('NFKC'))) {
    return {
      input: shown,
      code: 'bad-character',
      reason: 'Recovery codes have only letters a–z, digits and a hyphen, like ab12-cd34.',
    };
  }
  return {
    input: shown,
    code: 'not-a-code',
    reason: 'A recovery code is four letters or digits, a hyphen, and four more, like ab12-cd34.',
  };
}

function shorten(text: string): string {
  return text.length > MAX_SHOWN_INPUT ? `${text.slice(0, MAX_SHOWN_INPUT)}…` : text;
}

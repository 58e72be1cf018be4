// @ts-check
/**
 * The CAPTCHA Bitrix demands after repeated failed one-time codes (main module's CCaptcha, served by
 * /bitrix/tools/captcha.php). The picture is an SVG with the word as text: easy for a person (and a test
 * that reads state.captchas), and nothing an automatic filler should get past.
 */
import { randomInt } from 'node:crypto';
import { randomString } from './state.js';

export const CAPTCHA_PATH = '/bitrix/tools/captcha.php';
/** After this many failed codes in a row the OTP form shows a captcha (Bitrix's default attempt limit is similar). */
export const CAPTCHA_AFTER_FAILURES = 3;
export const CAPTCHA_WIDTH = 180;
export const CAPTCHA_HEIGHT = 40;
// Bitrix leaves out characters that look alike (0/O, 1/I).
const CAPTCHA_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CAPTCHA_LENGTH = 5;

/** @returns {string} a new captcha word */
export function newCaptchaWord() {
  return randomString(CAPTCHA_LENGTH, CAPTCHA_ALPHABET);
}

/**
 * @param {string} sid
 * @returns {string} the picture's address, as Bitrix's templates write it
 */
export function captchaSrc(sid) {
  return `${CAPTCHA_PATH}?captcha_sid=${encodeURIComponent(sid)}`;
}

/**
 * The picture: the word as slightly rotated letters over a few random lines.
 * @param {string} word from newCaptchaWord(): letters and digits only, so nothing needs escaping
 * @returns {string} SVG
 */
export function captchaSvg(word) {
  const lines = [];
  for (let i = 0; i < 6; i++) {
    const [x1, y1, x2, y2] = [
      randomInt(CAPTCHA_WIDTH),
      randomInt(CAPTCHA_HEIGHT),
      randomInt(CAPTCHA_WIDTH),
      randomInt(CAPTCHA_HEIGHT),
    ];
    lines.push(`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#9aa7b4" stroke-width="1.5"/>`);
  }
  const step = (CAPTCHA_WIDTH - 30) / Math.max(word.length, 1);
  const letters = [...word].map((ch, i) => {
    const x = Math.round(18 + i * step);
    const y = 28 + randomInt(7) - 3;
    const angle = randomInt(31) - 15;
    return `<text x="${x}" y="${y}" transform="rotate(${angle} ${x} ${y})">${ch}</text>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${CAPTCHA_WIDTH}" height="${CAPTCHA_HEIGHT}" viewBox="0 0 ${CAPTCHA_WIDTH} ${CAPTCHA_HEIGHT}">
<rect width="100%" height="100%" fill="#f4f1e8"/>
${lines.join('\n')}
<g font-family="Courier New, monospace" font-size="24" font-weight="bold" fill="#2b3a4a">
${letters.join('\n')}
</g>
<title>CAPTCHA</title>
</svg>
`;
}

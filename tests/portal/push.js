// @ts-check
/**
 * The push-2FA enrolment QR (Bitrix24's 2025 method). It holds no secret: it is a mobile-app deep link
 * with a one-time sign-in hash, so whoever scans it within ten minutes gets a signed-in mobile session.
 * Format as /work/shared/BITRIX.md describes it.
 */
import { randomString } from './state.js';

export const PUSH_LINK_LIFETIME = 600_000; // ms
export const PUSH_DEEP_LINK_HOST = 'https://bitrix24.page.link/';
export const PUSH_APP_IDS = { apn: 'com.bitrix24.android', isi: '561683423', ibi: 'com.bitrixsoft.cpmobile' };
const CHANNEL_TAG_LENGTH = 32;
const HASH_LENGTH = 40;

/**
 * @param {string} portalHost host[:port] the page was requested under
 * @param {number} nowMs
 * @returns {{ link: string, channelTag: string, hash: string, expires: number }}
 */
export function makePushLink(portalHost, nowMs) {
  const channelTag = randomString(CHANNEL_TAG_LENGTH);
  const hash = randomString(HASH_LENGTH);
  // Only "pushOtpInit/<tag>;<hash>" is percent-encoded; the inner link itself is not encoded again, so
  // its "?" and the app ids' "&" sit side by side in the outer query, as on real portals.
  const intent = encodeURIComponent(`pushOtpInit/${channelTag};${hash}`);
  const inner = `https://${portalHost}/?intent=${intent}`;
  const link = `${PUSH_DEEP_LINK_HOST}?link=${inner}&apn=${PUSH_APP_IDS.apn}&isi=${PUSH_APP_IDS.isi}&ibi=${PUSH_APP_IDS.ibi}`;
  return { link, channelTag, hash, expires: nowMs + PUSH_LINK_LIFETIME };
}

// The pure host module, not ../bitrix's index, which also brings the DOM page recogniser.
import { isCloudPortalUrl } from '../bitrix/cloud-hosts';

/**
 * Whether a QR code's text is a link for the Bitrix24 mobile app, such as the sign-in QR the new
 * (2025) Bitrix24 two-factor setup shows instead of an otpauth:// secret.
 *
 * ASSUMPTION: the exact format of that link is not known (../../shared/BITRIX.md only says it is
 * "a sign-in link for that mobile app"). Recognised, conservatively:
 * - the app's own URL schemes, `bitrix24:` and `b24:` (Bitrix's code redirects to `bitrix24://` to
 *   hand over to the app); nothing but that app opens them, so any such link is for it;
 * - an https link to a Bitrix24 cloud portal (`<name>.bitrix24.<zone>`) or to Bitrix24.Network
 *   (`*.bitrix24.net`) whose path or query mentions qr, auth, login, sign-in, 2fa, mfa, otp or push.
 * Other links to a portal (a profile page, a chat) and links to self-hosted portals, which cannot be
 * told apart by host, stay ordinary "not an authenticator secret" text.
 */
export function isBitrix24AppLink(text: string): boolean {
  if (/^(?:bitrix24|b24):/i.test(text)) return true;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:') return false;
  const host = url.hostname.toLowerCase();
  const bitrixHost = isCloudPortalUrl(url) || host === 'bitrix24.net' || host.endsWith('.bitrix24.net');
  return bitrixHost && SIGN_IN_WORDS.test(`${url.pathname}${url.search}`.toLowerCase());
}

const SIGN_IN_WORDS = /qr|auth|log-?in|sign-?in|2fa|mfa|otp|push/;

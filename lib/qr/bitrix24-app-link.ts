/**
 * Whether a QR code's text is meant for the Bitrix24 mobile app rather than an authenticator: the
 * QR that turning on Bitrix24's push two-factor shows (../../shared/BITRIX.md, "The new Bitrix24
 * two-factor authentication"). It is a deep link carrying a one-time sign-in hash, e.g.
 * `https://bitrix24.page.link/?link=https://<portal>/?intent=pushOtpInit%2F<tag>%3B<hash>&apn=…`.
 *
 * The deep-link host is configurable (and Firebase's `page.link` is being retired), and a QR reader
 * or another app may encode the link again, so it is recognised by `intent=pushOtpInit` after
 * undoing any number of percent-encodings, never by host. The app's own URL schemes (`bitrix24:`,
 * `b24:`) open nothing but that app, so they count too.
 */
export function isBitrix24AppLink(text: string): boolean {
  if (/^(?:bitrix24|b24):/i.test(text)) return true;
  return PUSH_INTENT.test(fullyDecoded(text));
}

/**
 * `intent=pushOtpInit` as a parameter of its own (after `?`, `&`, `#`, or `&amp;` where a page
 * escaped the link once more), followed by its `/<tag>;<hash>` or whatever ends the parameter.
 */
const PUSH_INTENT = /(?:^|[^a-z0-9_.-])intent=pushotpinit(?![a-z0-9_])/i;
/** Enough for a link wrapped by a redirector inside a deep link inside a QR reader's share link. */
const MAX_DECODINGS = 6;

function fullyDecoded(text: string): string {
  let current = text;
  for (let i = 0; i < MAX_DECODINGS; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current.replace(/\+/g, ' '));
    } catch {
      // A stray `%` (or a broken sequence): decode what is decodable.
      next = current.replace(/%[0-9a-f]{2}/gi, (sequence) => {
        try {
          return decodeURIComponent(sequence);
        } catch {
          return sequence;
        }
      });
    }
    if (next === current) break;
    current = next;
  }
  return current;
}

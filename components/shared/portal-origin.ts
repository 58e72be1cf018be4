/**
 * What the user typed into the portal field, as an origin: `company.bitrix24.com` and a trailing
 * slash are forgiven; a path is passed on as typed, so the background refuses it instead of
 * binding the account to something the user did not write.
 */
export function portalOrigin(typed: string): string | null {
  const text = typed.trim().replace(/\/$/, '');
  if (text === '') return null;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text)
    ? text.replace(/^[a-z]+:\/\/[^/]+/i, (head) => head.toLowerCase())
    : `https://${text.toLowerCase()}`;
}

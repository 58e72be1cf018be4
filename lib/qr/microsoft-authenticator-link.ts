/**
 * Whether a QR code's text is Microsoft Authenticator's account activation rather than an
 * authenticator secret: the QR code a Microsoft work or school account (Entra ID, formerly Azure AD
 * MFA) shows for "Microsoft Authenticator", e.g.
 * `phonefactor://activate_account?code=123456789&url=https%3A%2F%2Fmobileappcommunicator.auth.microsoft.com%2F…`.
 * It carries a one-time activation code and the address of Microsoft's service that the app
 * redeems it at, for push approval; no key codes could be computed from. Aegis and other
 * authenticators recognise it by its `phonefactor:` scheme (Microsoft's PhoneFactor heritage).
 */
export function isMicrosoftAuthenticatorLink(text: string): boolean {
  return /^phonefactor:/i.test(text);
}

/** What a Bitrix24 page asks of the user right now. */
export type PageState =
  | 'password'
  | 'otp'
  | 'recovery'
  /** The modern page's push step: sign-in is confirmed in the Bitrix24 app; nothing to fill. */
  | 'push'
  /** The modern page's SMS or app verification-code step: a code from the phone, never ours. */
  | 'phone-code'
  | 'enrol'
  | 'recovery-codes'
  | 'signed-in'
  | 'none';

/** Who the page says is signing in (the modern page's account card). */
export interface AccountCard {
  login: string | null;
  name: string | null;
}

export interface RecognizedPage {
  state: PageState;
  /** The visible, enabled field a code goes into (`USER_OTP` on the OTP step), if any. */
  codeField: HTMLInputElement | null;
  /** The modern recovery-code step: its one-character boxes, in order; a code is typed across them. */
  codeBoxes: HTMLInputElement[];
  /** Enrolment: the `check-code` inputs, one for TOTP, two for HOTP. */
  checkFields: HTMLInputElement[];
  /** Whom the sign-in is for, where the page shows it. */
  account: AccountCard | null;
}

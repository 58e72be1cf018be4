/** What a Bitrix24 page asks of the user right now. */
export type PageState =
  | 'password'
  | 'otp'
  | 'recovery'
  | 'enrol'
  | 'recovery-codes'
  | 'signed-in'
  | 'none';

export interface RecognizedPage {
  state: PageState;
  /** The visible, enabled field a code goes into (`USER_OTP` on the OTP step), if any. */
  codeField: HTMLInputElement | null;
  /** Enrolment: the `check-code` inputs, one for TOTP, two for HOTP. */
  checkFields: HTMLInputElement[];
}

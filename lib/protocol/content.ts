import type { MessageKey } from '../i18n';
import type { AccountChoice, FillKind } from './messages';

/**
 * background → content script, through `tabs.sendMessage` to one frame. The only value from the
 * vault a content script ever receives is the code to fill.
 */
export type ContentMessage =
  | { type: 'fill-code'; code: string; submit: boolean; note?: string }
  | { type: 'choose-account'; kind: FillKind; choices: AccountChoice[] }
  | { type: 'notice'; text: string }
  /** Enrolment: the code(s) for the page's `check-code` inputs, one for TOTP, two for HOTP. */
  | { type: 'enrol-codes'; codes: string[] };

export interface ContentReplies {
  /** `rejected`: typed, but the page did not take it (its boxes or `USER_OTP` do not hold the code). */
  'fill-code': { filled: boolean; reason?: 'user-typed' | 'unusable' | 'no-field' | 'rejected' };
  'choose-account': undefined;
  notice: undefined;
  'enrol-codes': { filled: boolean };
}

/**
 * The content script's own words, sent by the background in the language chosen in the settings
 * (a content script cannot read that catalog itself); until they arrive it uses the browser's.
 */
export const CONTENT_STRING_KEYS = [
  'fillButtonLabel',
  'fillRecoveryButtonLabel',
  'enrolButtonLabel',
  'fillChooseAccount',
  'enrolReplaceButton',
  'pushNote',
  'pushUseRecovery',
  'fillCaptchaNoSubmit',
  'enrolNameButton',
] as const satisfies readonly MessageKey[];
export type ContentStringKey = (typeof CONTENT_STRING_KEYS)[number];
export type ContentStrings = Record<ContentStringKey, string>;

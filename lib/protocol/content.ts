import type { MessageKey } from '../i18n';
import type { AccountChoice, FillKind } from './messages';

/**
 * background → content script, through `tabs.sendMessage` to one frame. The only value from the
 * vault a content script ever receives is the code to fill.
 */
export type ContentMessage =
  | {
      type: 'fill-code';
      code: string;
      submit: boolean;
      note?: string;
      /**
       * The origin the background checked. The content script writes nothing unless its own
       * document is of this origin: where the browser cannot address one document (Firefox has no
       * `documentId`), a frame that navigated meanwhile must not take another origin's code.
       */
      origin: string;
      /** Auto-fill on load: only into a field the user plainly sees (lib/bitrix/visibility.ts). */
      shownOnly?: boolean;
    }
  | { type: 'choose-account'; kind: FillKind; choices: AccountChoice[] }
  | { type: 'notice'; text: string }
  /**
   * Enrolment: the code(s) for the page's `check-code` inputs, one for TOTP, two for HOTP, with the
   * origin the background checked (written only if the frame still shows that origin).
   */
  | { type: 'enrol-codes'; codes: string[]; origin: string };

export interface ContentReplies {
  /** `rejected`: typed, but the page did not take it (its boxes or `USER_OTP` do not hold the code). */
  /** `wrong-origin`: the frame shows another origin's document now; nothing was written. */
  'fill-code': { filled: boolean; reason?: 'user-typed' | 'unusable' | 'no-field' | 'rejected' | 'wrong-origin' };
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
  'pushNote',
  'pushUseRecovery',
  'fillCaptchaNoSubmit',
  'fillForeignSubmitNote',
  'enrolNameButton',
] as const satisfies readonly MessageKey[];
export type ContentStringKey = (typeof CONTENT_STRING_KEYS)[number];
export type ContentStrings = Record<ContentStringKey, string>;

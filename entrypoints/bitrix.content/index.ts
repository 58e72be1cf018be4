import { browser } from 'wxt/browser';
import {
  captchaShown,
  CLOUD_MATCH_PATTERNS,
  enrolmentKeyText,
  enrolmentQrBlock,
  isShownToUser,
  MODERN,
  recognizePage,
  signedInUserName,
  type PageState,
} from '@/lib/bitrix';
import { fillBoxes, fillField, submitFieldForm } from '@/lib/fill';
import { answering } from '../shared/answer';
import { installBrowserI18n } from '../shared/browser-i18n';
import type { ContentMessage, ContentReplies, FillKind } from '@/lib/protocol';

type FillCodeMessage = Extract<ContentMessage, { type: 'fill-code' }>;
import { sendToBackground as sendMessage } from '../shared/send';
import { FillButton } from './fill-button';
import { goToRecoveryStep, pushStepAnchor } from './modern-steps';
import { qrCandidates } from './page-pixels';

export default defineContentScript({
  // Cloud portals only; self-hosted portals are registered at run time (background/content-script-registration).
  matches: CLOUD_MATCH_PATTERNS,
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    // This script's side of lib/i18n; words in the language chosen in the settings come from the background.
    installBrowserI18n();
    let reported: PageState | null = null;
    let scheduled = false;
    /** What we last put into a field, so a second fill may replace it but never the user's typing. */
    const ourValues = new WeakMap<HTMLInputElement, string>();

    const requestFill = async (kind: FillKind, accountId?: string) => {
      const { account } = recognizePage(document, location.href);
      const reply = await sendMessage({
        type: 'fill-request',
        kind,
        ...(accountId ? { accountId } : {}),
        ...(account ? { card: account } : {}),
      });
      if (!reply) return;
      if (reply.ok && reply.choices) button.choose(kind, reply.choices);
      else if (!reply.ok) button.say(reply.message);
      // Not filled yet: the user allows the recovery code in the extension's popup first.
      else if (!reply.filled && reply.note) button.say(reply.note);
    };
    const requestEnrol = async (named?: string) => {
      const block = enrolmentQrBlock(document);
      const { checkFields } = recognizePage(document, location.href);
      const reply = await sendMessage({
        type: 'enrol-request',
        qr: await qrCandidates(block),
        keyText: enrolmentKeyText(document),
        codeInputs: Math.min(checkFields.length, 2) as 0 | 1 | 2,
        userName: named ?? signedInUserName(document),
      });
      if (!reply) return;
      if (reply.ok) button.say(reply.note);
      else if (reply.code === 'name-needed')
        button.ask(reply.message, button.text('enrolNameButton'), (login) => void requestEnrol(login));
      // Replacing an account is allowed in the extension's popup, never here (the background opened it).
      else button.say(reply.message);
    };
    const button = new FillButton({
      onFill: (kind, accountId) => void requestFill(kind, accountId),
      onEnrol: () => void requestEnrol(),
      onRecoveryStep: () => void goToRecoveryStep(document),
      onUnsureClick: () =>
        void sendMessage({ type: 'popup-request' }).then((reply) => {
          if (reply && !reply.ok) button.say(reply.message);
        }),
    });

    const check = () => {
      scheduled = false;
      const { state, codeField, codeBoxes, checkFields } = recognizePage(document, location.href);
      const boxes = codeBoxes[0]?.closest<HTMLElement>(MODERN.recoveryContainer) ?? null;
      const enrolAnchor = checkFields[0] ?? enrolmentQrBlock(document);
      const pushAnchor = state === 'push' ? pushStepAnchor(document) : null;
      if (codeField && (state === 'otp' || state === 'recovery')) {
        if (button.attachedTo !== codeField) button.attach(codeField, state);
        else button.place();
      } else if (state === 'recovery' && boxes) {
        if (button.attachedTo !== boxes) button.attach(boxes, 'recovery', 'beside');
        else button.place();
      } else if (state === 'enrol' && enrolAnchor) {
        if (button.attachedTo !== enrolAnchor) button.attachEnrol(enrolAnchor);
        else button.place();
      } else if (pushAnchor) {
        if (button.attachedTo !== pushAnchor) button.attachRecoveryOffer(pushAnchor);
        else button.place();
      } else if (button.attachedTo) {
        button.detach();
      }
      if (state === reported) return;
      reported = state;
      void sendMessage({ type: 'page-state', state }).then((reply) => {
        if (reply?.ok) button.relabel(reply.strings);
      });
    };

    const fillCode = async (message: FillCodeMessage): Promise<ContentReplies['fill-code']> => {
      const { code, submit, note, shownOnly } = message;
      // The background checked one origin; if this frame shows another's document by now, it writes nothing.
      if (message.origin !== location.origin) return { filled: false, reason: 'wrong-origin' };
      const { codeField, codeBoxes } = recognizePage(document, location.href);
      if (codeBoxes.length > 0) {
        // Auto-fill on load is for the one-time code field, never the recovery boxes.
        if (shownOnly) return { filled: false, reason: 'unusable' };
        // The modern recovery step: the page takes the code from its boxes and submits it itself.
        const result = await fillBoxes(codeBoxes, code);
        if (result !== 'filled') return { filled: false, reason: result };
        if (note) button.say(note);
        return { filled: true };
      }
      if (!codeField) return { filled: false, reason: 'no-field' };
      // Auto-fill on load: only into a field of real size, opaque, on screen and not covered.
      if (shownOnly && !isShownToUser(codeField)) return { filled: false, reason: 'unusable' };
      const result = fillField(codeField, code, ourValues.get(codeField) ?? null);
      if (result !== 'filled') return { filled: false, reason: result };
      ourValues.set(codeField, code);
      // After repeated failures Bitrix asks for a CAPTCHA: only the user can answer it.
      const captcha = captchaShown(codeField);
      // Only where the form keeps the code with this origin and frame (lib/fill/submit-target.ts).
      const sent = submit && !captcha ? submitFieldForm(codeField, location.origin) : null;
      const held = sent === 'foreign-action' || sent === 'foreign-target';
      const notes = [
        captcha ? button.text('fillCaptchaNoSubmit') : '',
        held ? button.text('fillForeignSubmitNote') : '',
        note ?? '',
      ].filter(Boolean);
      if (notes.length > 0) button.say(notes.join(' '));
      return { filled: true };
    };

    const answer = (message: ContentMessage): Promise<unknown> | undefined => {
      switch (message.type) {
        case 'fill-code':
          return fillCode(message);
        // Answered all the same: a message nobody answers is an error for its sender in older Chromium.
        case 'choose-account':
          button.choose(message.kind, message.choices);
          return Promise.resolve(undefined);
        case 'notice':
          button.say(message.text);
          return Promise.resolve(undefined);
        case 'enrol-codes': {
          const { checkFields } = recognizePage(document, location.href);
          // As for fill-code: the codes are for the origin the background checked, nothing else.
          const filled =
            message.origin === location.origin &&
            checkFields.length === message.codes.length &&
            checkFields.every(
              (field, i) => fillField(field, message.codes[i]!, ourValues.get(field) ?? null) === 'filled',
            );
          if (filled)
            checkFields.forEach((field, i) => {
              ourValues.set(field, message.codes[i]!);
            });
          return Promise.resolve({ filled });
        }
      }
    };
    // Only the background talks to content scripts; pages cannot send runtime messages.
    browser.runtime.onMessage.addListener(answering((message) => answer(message as ContentMessage)));

    // Bitrix re-renders and reveals its fields after load: re-check once a frame at most.
    const observer = new MutationObserver(() => {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(check);
    });
    observer.observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['class', 'style', 'hidden', 'disabled'],
    });
    const place = () => button.place();
    window.addEventListener('resize', place);
    ctx.onInvalidated(() => {
      observer.disconnect();
      window.removeEventListener('resize', place);
      button.detach();
    });
    check();
  },
});

import { browser } from 'wxt/browser';
import { recognizePage, CLOUD_MATCH_PATTERNS, type PageState } from '@/lib/bitrix';
import { fillField, submitFieldForm } from '@/lib/fill';
import type { ContentMessage, ContentReplies, FillKind } from '@/lib/messages';
import { sendMessage } from '@/lib/send-message';
import { FillButton } from './fill-button';
import { qrPixels } from './page-pixels';

export default defineContentScript({
  // Cloud portals only; self-hosted portals are registered at run time (lib/self-hosted-registration).
  matches: CLOUD_MATCH_PATTERNS,
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    let reported: PageState | null = null;
    let scheduled = false;
    /** What we last put into a field, so a second fill may replace it but never the user's typing. */
    const ourValues = new WeakMap<HTMLInputElement, string>();

    const requestFill = async (kind: FillKind, accountId?: string) => {
      const reply = await sendMessage({ type: 'fill-request', kind, ...(accountId ? { accountId } : {}) });
      if (!reply) return;
      if (reply.ok && reply.choices) button.choose(kind, reply.choices);
      else if (!reply.ok) button.say(reply.message);
    };
    const requestEnrol = async (replace: boolean) => {
      const container = document.querySelector('#user-otp-container');
      const { checkFields } = recognizePage(document, location.href);
      const reply = await sendMessage({
        type: 'enrol-request',
        qr: qrPixels(container?.querySelector('[data-role="qr-code-block"]') ?? null),
        keyText: container?.querySelector('table.bx-otp-token-result-code span')?.textContent?.trim() || null,
        codeInputs: checkFields.length,
        ...(replace ? { replace } : {}),
      });
      if (!reply) return;
      if (reply.ok) button.say(reply.note);
      else if (reply.code === 'replace-confirm') button.confirm(reply.message, button.text('enrolReplaceButton'), () => void requestEnrol(true));
      else button.say(reply.message);
    };
    const button = new FillButton({
      onFill: (kind, accountId) => void requestFill(kind, accountId),
      onEnrol: (replace) => void requestEnrol(replace),
    });

    const check = () => {
      scheduled = false;
      const { state, codeField, checkFields } = recognizePage(document, location.href);
      const [firstCheck] = checkFields;
      if (codeField && (state === 'otp' || state === 'recovery')) {
        if (button.attachedTo !== codeField) button.attach(codeField, state);
        else button.place();
      } else if (state === 'enrol' && firstCheck) {
        if (button.attachedTo !== firstCheck) button.attachEnrol(firstCheck);
        else button.place();
      } else if (button.attachedTo) {
        button.detach();
      }
      if (state === reported) return;
      reported = state;
      void sendMessage({ type: 'page-state', state }).then((reply) => {
        if (reply?.strings) button.relabel(reply.strings);
      });
    };

    const fillCode = (code: string, submit: boolean, note?: string): ContentReplies['fill-code'] => {
      const { codeField } = recognizePage(document, location.href);
      if (!codeField) return { filled: false, reason: 'no-field' };
      const result = fillField(codeField, code, ourValues.get(codeField) ?? null);
      if (result !== 'filled') return { filled: false, reason: result };
      ourValues.set(codeField, code);
      if (note) button.say(note);
      if (submit) submitFieldForm(codeField);
      return { filled: true };
    };

    // Only the background talks to content scripts; pages cannot send runtime messages.
    browser.runtime.onMessage.addListener((message: ContentMessage) => {
      switch (message.type) {
        case 'fill-code':
          return Promise.resolve(fillCode(message.code, message.submit, message.note));
        case 'choose-account':
          button.choose(message.kind, message.choices);
          return undefined;
        case 'notice':
          button.say(message.text);
          return undefined;
        case 'enrol-codes': {
          const { checkFields } = recognizePage(document, location.href);
          const filled = checkFields.length === message.codes.length &&
            checkFields.every((field, i) => fillField(field, message.codes[i]!, ourValues.get(field) ?? null) === 'filled');
          if (filled) checkFields.forEach((field, i) => ourValues.set(field, message.codes[i]!));
          return Promise.resolve({ filled });
        }
      }
    });

    // Bitrix re-renders and reveals its fields after load: re-check once a frame at most.
    const observer = new MutationObserver(() => {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(check);
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'style', 'hidden', 'disabled'] });
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

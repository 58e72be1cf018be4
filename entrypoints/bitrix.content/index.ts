import { browser } from 'wxt/browser';
import { recognizePage, CLOUD_MATCH_PATTERNS, type PageState } from '@/lib/bitrix';
import { fillField, submitFieldForm } from '@/lib/fill';
import type { ContentMessage, ContentReplies, FillKind } from '@/lib/messages';
import { sendMessage } from '@/lib/send-message';
import { FillButton } from './fill-button';

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
    const button = new FillButton({ onFill: (kind, accountId) => void requestFill(kind, accountId) });

    const check = () => {
      scheduled = false;
      const { state, codeField } = recognizePage(document, location.href);
      if (codeField && (state === 'otp' || state === 'recovery')) {
        if (button.attachedTo !== codeField) button.attach(codeField, state);
        else button.place();
      } else if (button.attachedTo) {
        button.detach();
      }
      if (state === reported) return;
      reported = state;
      void sendMessage({ type: 'page-state', state });
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

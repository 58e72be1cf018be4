import { recognizePage, CLOUD_MATCH_PATTERNS, type PageState } from '@/lib/bitrix';
import { sendMessage } from '@/lib/send-message';

export default defineContentScript({
  // Cloud portals only; self-hosted portals are registered at run time (lib/self-hosted-registration).
  matches: CLOUD_MATCH_PATTERNS,
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    let reported: PageState | null = null;
    let scheduled = false;

    const check = () => {
      scheduled = false;
      const { state } = recognizePage(document, location.href);
      if (state === reported) return;
      reported = state;
      void sendMessage({ type: 'page-state', state });
    };

    // Bitrix re-renders and reveals its fields after load: re-check once a frame at most.
    const observer = new MutationObserver(() => {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(check);
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'style', 'hidden', 'disabled'] });
    ctx.onInvalidated(() => observer.disconnect());
    check();
  },
});

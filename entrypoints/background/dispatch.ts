import { createDispatcher } from '@/lib/protocol';
import { accountsChanged } from './action-icon';
import { clipboardCopied, clipboardSettled } from './clipboard';
import { enrol } from './enrol';
import { rememberBoundOrigins } from './bound-origins';
import { currentConfirmation } from './confirmations';
import { answerConfirmation } from './confirmed';
import { toFailure } from './failures';
import { fill, fillOnLoad, runPendingFill } from './fill';
import { contentStrings, languageMayHaveChanged, speakUserLanguage } from './language';
import { syncRegistrations } from './registrations';
import { lastScan, regionPicked, startSelection } from './scan-select';
import { scanTab } from './scan-tab';
import { type BackgroundSenders, isExtensionPage, portalFrame, type Sender } from './senders';
import { recordFrameState, tabStates } from './tab-states';
import { passkeyHandlers } from './passkeys';
import { openPopupForPage } from './popup-window';
import { vaultHandlers } from './vault-handlers';

/** Every message of lib/protocol's table, from whichever sender kind the table allows, to its handler. */
export const dispatch = createDispatcher<Sender, BackgroundSenders>({
  senders: {
    portal: portalFrame,
    // The scan overlay's sender is matched to the selection it belongs to by regionPicked itself.
    tab: async (sender) => (sender.tab?.id === undefined ? null : sender),
    extension: async (sender) => (isExtensionPage(sender) ? sender : null),
  },
  handlers: {
    'page-state': async ({ state }, frame) => {
      await recordFrameState(frame.tabId, { origin: frame.origin, frameId: frame.frameId }, state);
      if (state === 'otp')
        void fillOnLoad(frame.tabId, frame.frameId, frame.origin, frame.documentId).catch(() => undefined);
      return { ok: true, strings: contentStrings() };
    },
    'fill-request': ({ kind, accountId, card }, frame) =>
      fill({
        tabId: frame.tabId,
        frameId: frame.frameId,
        frameOrigin: frame.origin,
        ...(frame.documentId ? { documentId: frame.documentId } : {}),
        kind,
        accountId,
        card,
        via: 'button',
      }),
    'enrol-request': (message, frame) => enrol(frame, message),
    'popup-request': (_, frame) => openPopupForPage(frame),
    'scan-region-picked': ({ region }, sender) => regionPicked(sender, region),
    'get-tab-state': async ({ tabId }) => ({ ok: true, frames: await tabStates(tabId) }),
    'scan-tab': scanTab,
    'scan-select': ({ tabId }) => startSelection(tabId),
    'scan-last': lastScan,
    'clipboard-copied': ({ code }) => clipboardCopied(code),
    'clipboard-settled': async () => {
      await clipboardSettled();
      return { ok: true };
    },
    'confirmation-get': async () => ({ ok: true, confirmation: await currentConfirmation() }),
    'confirmation-answer': ({ id, accept }) => answerConfirmation(id, accept),
    fill: ({ tabId, accountId, kind = 'otp' }) => fill({ tabId, accountId, kind, via: 'popup' }),
    ...vaultHandlers,
    ...passkeyHandlers,
  },
  effects: {
    'accounts-changed': async () => {
      await rememberBoundOrigins();
      accountsChanged();
    },
    'settings-changed': async () => {
      languageMayHaveChanged();
      void syncRegistrations();
    },
    'vault-unlocked': async () => {
      await rememberBoundOrigins();
      // A fill the user asked for while locked goes ahead once the vault is open.
      await runPendingFill();
    },
  },
  before: speakUserLanguage,
  toFailure,
});

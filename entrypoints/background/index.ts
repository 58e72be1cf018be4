import { browser } from 'wxt/browser';
import { matchesPattern, selfHostedPatterns } from '@/lib/bitrix';
import { policyPortalPatterns } from '@/lib/policy';
import { currentPolicy, watchPolicy } from './policy-source';
import { parseMessage, type Message } from '@/lib/messages';
import { syncSelfHostedContentScript } from '@/lib/self-hosted-registration';
import { toFailure } from './failures';
import { grantedOrigins, isExtensionPage, portalFrame, type Sender } from './senders';
import { forgetTab, recordFrameState, tabStates } from './tab-states';
import { enrol } from './enrol';
import { scanTab } from './scan-tab';
import { lastScan, regionPicked, startSelection } from './scan-select';
import { fill, runPendingFill } from './fill';
import { listenForFillCommands, syncContextMenu } from './fill-entry-points';
import { vaultHandlers } from './vault-handlers';
import { watchActionIcon } from './action-icon';
import { currentSession, userSettings, watchForLockEvents } from './vault-keeper';

/**
 * Auto-fill on page load, an opt-in: only with the vault unlocked and exactly one TOTP account bound
 * to the page (HOTP codes are used up by filling, so they wait for the user to ask).
 */
async function fillOnLoad(tabId: number, frameId: number, origin: string): Promise<void> {
  if ((await userSettings()).autofillMode !== 'load') return;
  const session = await currentSession();
  if (!session) return;
  const bound = (await session.listAccounts()).accounts.filter((a) => a.origins.includes(origin));
  if (bound.length !== 1 || bound[0]!.type !== 'totp') return;
  await fill({ tabId, frameId, frameOrigin: origin, kind: 'otp', accountId: bound[0]!.id, via: 'load' });
}

/**
 * Self-hosted portals the content script runs on: those the user enabled, and the company's portals
 * from the policy wherever the browser has granted access to them.
 */
async function portalPatterns(): Promise<string[]> {
  const granted = await grantedOrigins();
  const { policy } = await currentPolicy();
  const company = policyPortalPatterns(policy).filter((pattern) => {
    const origin = new URL(pattern.slice(0, -2));
    return granted.some((grant) => matchesPattern(origin, grant));
  });
  return [...new Set([...selfHostedPatterns(granted), ...company])];
}

async function handle(message: Message, sender: Sender): Promise<unknown> {
  if (message.type === 'page-state') {
    const frame = await portalFrame(sender);
    if (!frame) return null;
    await recordFrameState(frame.tabId, { origin: frame.origin, frameId: frame.frameId }, message.state);
    if (message.state === 'otp') void fillOnLoad(frame.tabId, frame.frameId, frame.origin).catch(() => undefined);
    return { ok: true };
  }
  if (message.type === 'enrol-request') {
    const frame = await portalFrame(sender);
    if (!frame) return null;
    return enrol(frame, message).catch(toFailure);
  }
  if (message.type === 'scan-region-picked') return regionPicked(sender, message.region).catch(() => null);
  if (message.type === 'fill-request') {
    const frame = await portalFrame(sender);
    if (!frame) return null;
    const { kind, accountId } = message;
    return fill({ tabId: frame.tabId, frameId: frame.frameId, frameOrigin: frame.origin, kind, accountId, via: 'button' }).catch(toFailure);
  }
  // Everything else is for the extension's own pages: a content script never gets past here.
  if (!isExtensionPage(sender)) return null;
  if (message.type === 'get-tab-state') return tabStates(message.tabId);
  if (message.type === 'scan-tab') return scanTab(message).catch(toFailure);
  if (message.type === 'scan-select') return startSelection(message.tabId).catch(toFailure);
  if (message.type === 'scan-last') return lastScan();
  if (message.type === 'fill') {
    const { tabId, accountId, kind = 'otp' } = message;
    return fill({ tabId, accountId, kind, via: 'popup' }).catch(toFailure);
  }
  const handler = vaultHandlers[message.type] as (m: Message) => Promise<{ ok: boolean }>;
  const reply = await handler(message).catch(toFailure);
  if (message.type === 'vault-unlock' && reply.ok) await runPendingFill().catch(() => undefined);
  return reply;
}

export default defineBackground({
  type: 'module',
  main() {
    browser.runtime.onMessage.addListener((data: unknown, sender: Sender) => {
      const message = parseMessage(data);
      return message ? handle(message, sender) : undefined;
    });

    // Content scripts never read session storage: it holds the unlocked vault's key.
    void browser.storage.session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
    watchForLockEvents();
    watchActionIcon();

    browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
    browser.tabs.onUpdated.addListener((tabId, change) => {
      // A new document's content script reports afresh; this clears tabs that left the portal.
      if (change.status === 'loading' && change.url) void forgetTab(tabId);
    });

    listenForFillCommands();
    const sync = async () => {
      const patterns = await portalPatterns();
      await syncSelfHostedContentScript(patterns);
      await syncContextMenu(patterns);
    };
    watchPolicy(() => void sync());
    browser.runtime.onInstalled.addListener(() => void sync());
    browser.runtime.onStartup.addListener(() => void sync());
    browser.permissions.onAdded.addListener(() => void sync());
    browser.permissions.onRemoved.addListener(() => void sync());
  },
});

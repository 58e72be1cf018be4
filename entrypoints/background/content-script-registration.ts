import { browser } from 'wxt/browser';

const SCRIPT_ID = 'bitrix-self-hosted';
/** The file WXT emits for entrypoints/bitrix.content; the manifest covers cloud portals with it. */
const CONTENT_SCRIPT_FILE = 'content-scripts/bitrix.js';

/**
 * Self-hosted portals are any host, so their content script is registered at run time for exactly
 * the hosts the user or administrator enabled, and dropped when access is revoked.
 */
export async function syncSelfHostedContentScript(patterns: string[]): Promise<void> {
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (patterns.length === 0) {
    if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    return;
  }
  const script = {
    id: SCRIPT_ID,
    matches: patterns,
    js: [CONTENT_SCRIPT_FILE],
    allFrames: true,
    runAt: 'document_idle' as const,
    persistAcrossSessions: true,
  };
  if (existing.length > 0) await browser.scripting.updateContentScripts([script]);
  else await browser.scripting.registerContentScripts([script]);
}

import { coalescing } from '@/lib/serial';
import { syncSelfHostedContentScript } from './content-script-registration';
import { syncContextMenu } from './fill-entry-points';
import { speakUserLanguage } from './language';
import { portalPatterns } from './portal-patterns';

async function sync(): Promise<void> {
  await speakUserLanguage();
  const patterns = await portalPatterns();
  await syncSelfHostedContentScript(patterns);
  await syncContextMenu(patterns);
}

/** Logged by name and message only, like `toFailure`; the next run tries again. */
function report(error: unknown): void {
  console.error(
    'Bitrix24 Authenticator: content script or context menu not updated',
    error instanceof Error ? `${error.name}: ${error.message}` : typeof error,
  );
}

// Overlapping runs both found no script registered and both registered it (duplicate script id),
// and interleaved removeAll/create so the menu items were created twice. One run at a time; the
// menu items a run creates are asked for before the next run's removeAll, and the browser answers
// extension calls in order.
const run = coalescing(() => sync().catch(report));

/**
 * The content script and the context menu on exactly the portals enabled now, titled in the user's
 * language. Call it on every event that may change them (install, start-up, permissions, policy,
 * settings): calls during a run make one more run, which reads the state then. Never rejects.
 */
export function syncRegistrations(): Promise<void> {
  return run();
}

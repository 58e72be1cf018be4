import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXTENSION_ID, type ExtensionSession } from './chromium';

/** Where Chromium on Linux reads an administrator's policy files: a real one, as a deployment has. */
const POLICY_DIR = '/etc/chromium/policies/managed';

/**
 * A policy file of a test's own (`fileName`, so that no test removes another's) for the extension:
 * `write` puts `settings` there, `remove` takes the file away. Chromium reads it at start-up and
 * when its policies are reloaded.
 */
export function managedPolicy(fileName: string) {
  const file = join(POLICY_DIR, fileName);
  return {
    async write(settings: Record<string, unknown>): Promise<void> {
      await mkdir(POLICY_DIR, { recursive: true }).catch((error: Error) => {
        throw new Error(
          `Cannot write the test policy to ${POLICY_DIR} (${error.message}); this test needs root, as CI has.`,
        );
      });
      await writeFile(file, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: settings } } }));
    },
    remove: () => rm(file, { force: true }),
  };
}

/** chrome://policy's "Reload policies" button, inside the page's shadow roots: Chromium reads the files again. */
export async function reloadPolicies(session: ExtensionSession): Promise<void> {
  const page = await session.browser.newPage();
  await page.goto('chrome://policy');
  const reload = await page.waitForSelector('pierce/#reload-policies');
  await reload!.click();
  await page.close();
}

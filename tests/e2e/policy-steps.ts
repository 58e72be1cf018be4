import { readFileSync, rmSync } from 'node:fs';
import { mkdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GECKO_ID } from '../../scripts/firefox.js';
import { afterAll } from 'vitest';
import { type Portal, startPortal } from '../portal/server.js';
import { EXTENSION_ID, launchWithExtension, type ExtensionSession } from './chromium';
import { openExtensionPage, startForFile } from './extension-page';

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

/**
 * For the whole file (see startForFile): the demo portal (`portalOptions` as startPortal takes them),
 * then `policy` written with `settings(portal)` and Chromium started under it, with an extension
 * page to talk to it. The policy file is removed after the file's tests.
 */
export function underPolicyForFile(
  policy: ReturnType<typeof managedPolicy>,
  settings: (portal: Portal) => Record<string, unknown>,
  portalOptions?: Parameters<typeof startPortal>[0],
) {
  afterAll(() => policy.remove());
  return startForFile(async () => {
    const portal = await startPortal(portalOptions);
    try {
      await policy.write(settings(portal));
      const session = await launchWithExtension();
      return { portal, session, ext: await openExtensionPage(session) };
    } catch (error) {
      await portal.close();
      throw error;
    }
  });
}

/** chrome://policy's "Reload policies" button, inside the page's shadow roots: Chromium reads the files again. */
export async function reloadPolicies(session: ExtensionSession): Promise<void> {
  const page = await session.browser.newPage();
  await page.goto('chrome://policy');
  const reload = await page.waitForSelector('pierce/#reload-policies');
  await reload!.click();
  await page.close();
}

/**
 * Where Firefox on Linux reads an administrator's policies, checked with Debian's firefox-esr 153:
 * `/etc/firefox/policies/policies.json` ("firefox" even for the firefox-esr package; an
 * `/etc/firefox-esr/policies/policies.json` is not read). While it exists, the install's own
 * `distribution/policies.json` is ignored, not merged. One file for every Firefox on the machine,
 * read once when Firefox starts.
 */
export const FIREFOX_POLICY_FILE = '/etc/firefox/policies/policies.json';

/** The top-level key that marks a policies.json as this helper's. Firefox reads only `policies`. */
const MARK = 'bitrix24-authenticator-e2e-test';
/** A file of ours older than this is left over from a run that died, whatever its pid. */
const STALE_MS = 10 * 60_000;

type Holder = 'none' | 'foreign' | 'stale' | 'another run';

/** Whose is the policies.json at `file`: nobody's, an administrator's, or a run of this helper. */
async function holderOf(file: string): Promise<Holder> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw error;
  }
  let mark: { pid?: unknown; host?: unknown; at?: unknown } | undefined;
  try {
    mark = (JSON.parse(text) as Record<string, typeof mark>)[MARK];
  } catch {
    return 'foreign';
  }
  if (typeof mark?.pid !== 'number' || typeof mark.at !== 'string') return 'foreign';
  if (mark.pid === process.pid || mark.host !== hostname()) return 'stale';
  if (Date.now() - Date.parse(mark.at) > STALE_MS) return 'stale';
  try {
    process.kill(mark.pid, 0);
    return 'another run';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? 'another run' : 'stale';
  }
}

/**
 * A Firefox policies.json with `settings` for the extension under `3rdparty.Extensions`.
 *
 * Firefox reads a single file, so unlike Chromium's folder there is no file of the test's own:
 * `write` never replaces a file it did not write. An administrator's file makes it refuse (a backup
 * put back afterwards would leave the machine without its policies, or with the test's, whenever a
 * run is killed in between); a file left by a run that died is removed; another run's file is
 * waited for. Every Firefox that starts while the file exists gets its policies: `remove` it as
 * soon as the browser under test has started (Firefox has read it by then), and again at the end.
 */
export function firefoxPolicy(file = FIREFOX_POLICY_FILE) {
  let written: string | null = null;
  /** The top directory `write` had to create, to take away again. */
  let created: string | undefined;
  /** For a test process that ends between `write` and `remove` (not for one that is killed). */
  const removeOnExit = () => {
    try {
      if (written !== null && readFileSync(file, 'utf8') === written) rmSync(file, { force: true });
    } catch {
      // Gone already.
    }
  };

  return {
    file,
    async write(settings: Record<string, unknown>): Promise<void> {
      const body = JSON.stringify(
        {
          [MARK]: {
            note: 'Written by an end-to-end test of Bitrix24 Authenticator (tests/e2e/firefox/policy.test.ts) for a few seconds. Delete it if no such test is running.',
            pid: process.pid,
            host: hostname(),
            at: new Date().toISOString(),
          },
          policies: { '3rdparty': { Extensions: { [GECKO_ID]: settings } } },
        },
        null,
        2,
      );
      const deadline = Date.now() + 60_000;
      for (;;) {
        const made = await mkdir(dirname(file), { recursive: true }).catch((error: Error) => {
          throw new Error(
            `Cannot write the test policy to ${file} (${error.message}); this test needs root, as CI has.`,
          );
        });
        created ??= made;
        try {
          await writeFile(file, body, { flag: 'wx', mode: 0o644 });
          written = body;
          process.off('exit', removeOnExit).once('exit', removeOnExit);
          return;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') continue; // the folder went away meanwhile (another run's `remove`)
          if (code !== 'EEXIST') throw error;
        }
        const holder = await holderOf(file);
        if (holder === 'foreign') {
          throw new Error(
            `${file} exists and was not written by this test: it is this machine's Firefox policy. The test ` +
              'will not replace it (Firefox reads only this one file). Run the test on a machine without one, ' +
              'or move the file away while it runs.',
          );
        }
        if (holder === 'stale') await rm(file, { force: true });
        else if (holder === 'another run') {
          if (Date.now() > deadline) throw new Error(`${file} is held by another run of this test for over a minute`);
          await sleep(250);
        }
      }
    },
    /** Takes the file away if it is still the one `write` wrote, and the folders `write` created if empty. */
    async remove(): Promise<void> {
      if (written !== null) {
        const now = await readFile(file, 'utf8').catch(() => null);
        if (now === written) await rm(file, { force: true });
        written = null;
        process.off('exit', removeOnExit);
      }
      if (created === undefined) return;
      for (let dir = dirname(file); dir.startsWith(created); dir = dirname(dir)) {
        const emptied = await rmdir(dir).then(
          () => true,
          () => false, // not empty: another run's file is there
        );
        if (!emptied) break;
      }
      created = undefined;
    },
  };
}

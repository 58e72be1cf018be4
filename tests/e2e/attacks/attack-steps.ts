import { expect } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { MessageOf } from '@/lib/protocol';
import type { AttackEvent } from '../../portal/attacks/routes.js';
import { currentWorker, type ExtensionSession } from '../chromium';
import { launchWithVault, type ExtensionPage } from '../extension-page';
import { type Portal, type PortalWithVault, startPortalWithVault } from '../portal-steps';

export type { AttackEvent };

type SettingsPatch = MessageOf<'settings-set'>['patch'];

/**
 * The demo portal with one user, alice (password `alice-pw`, a TOTP authenticator of `secret`), and
 * Chromium with the extension: its vault holding her account, bound to the portal, with `settings`
 * set.
 */
export async function startPortalWithAlice(secret: string, settings?: SettingsPatch): Promise<PortalWithVault> {
  const started = await startPortalWithVault(
    [{ login: 'alice', password: 'alice-pw', otp: { type: 'totp', secret } }],
    'attack test password',
  );
  if (settings) {
    try {
      expect(await started.ext.send({ type: 'settings-set', patch: settings })).toMatchObject({ ok: true });
    } catch (error) {
      await started.session.close();
      await started.portal.close();
      throw error;
    }
  }
  return started;
}

/**
 * Chromium with the extension, its vault created with `password` (no account in it), `settings` set,
 * then locked: what whoever has the browser but not the master password finds.
 */
export async function launchWithLockedVault(
  password: string,
  settings?: SettingsPatch,
): Promise<{ session: ExtensionSession; ext: ExtensionPage }> {
  const { session, ext } = await launchWithVault(password);
  try {
    if (settings) expect(await ext.send({ type: 'settings-set', patch: settings })).toMatchObject({ ok: true });
    expect(await ext.send({ type: 'vault-lock' })).toEqual({ ok: true });
    return { session, ext };
  } catch (error) {
    await session.close();
    throw error;
  }
}

/** What the hostile pages under /attacks/ saw (tests/portal/attacks/routes.js), of one kind. */
export function attackEvents(portal: Portal, kind: AttackEvent['kind']): AttackEvent[] {
  return portal.attacks.events.filter((event) => event.kind === kind);
}

/** Everything posted to a collector, with the host it was posted to. */
export function collected(portal: Portal): { host: string; fields: Record<string, string> }[] {
  return attackEvents(portal, 'collect').map(({ host, fields }) => ({ host, fields: fields ?? {} }));
}

/** A foreign site: every `*.test` host reaches the demo portal in the test browser, and none is a portal. */
export const foreignHost = (portal: Portal) => `evil.test:${portal.port}`;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The code field's value in `page`. */
export const fieldValue = (page: Page) =>
  page.$eval('input[name="USER_OTP"]', (input) => (input as HTMLInputElement).value);

/** Forgets the portal clock the extension read for `origin`, so its next TOTP fill reads it again (a HEAD). */
export async function forgetPortalClock(session: ExtensionSession, origin: string): Promise<void> {
  const worker = await currentWorker(session);
  await worker.evaluate((key) => chrome.storage.session.remove(key), `clock:${origin}`);
}

/**
 * Runs `expression` in the extension content script's own world in `page`'s top frame: the isolated
 * world where the content script runs, with its `chrome.runtime`. This is the attacker of issue 14's
 * "no limit from the content script": code that got to run there can send the content script's
 * messages without any user action.
 */
export async function inContentScriptWorld<T>(page: Page, session: ExtensionSession, expression: string): Promise<T> {
  const cdp = await page.createCDPSession();
  try {
    const contexts: { id: number; origin: string; auxData?: { frameId?: string; isDefault?: boolean } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await cdp.send('Runtime.enable');
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const frameId = frameTree.frame.id;
    const world = contexts.find(
      (c) => c.origin === `chrome-extension://${session.extension.id}` && c.auxData?.frameId === frameId,
    );
    if (!world) throw new Error('the content script has no world in this page');
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression,
      contextId: world.id,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as T;
  } finally {
    await cdp.detach();
  }
}

import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { Message, Reply, TabState } from '@/lib/protocol';
import { launchWithExtension, type ExtensionSession } from './chromium';
import { gotoExtensionPage, type FirefoxSession } from './firefox';

/** Either browser with the extension installed; the scenario helpers take both. */
export type BrowserSession = ExtensionSession | FirefoxSession;

export interface ExtensionPage {
  page: Page;
  /** Sends a protocol message from an extension page, as the popup and options page do. */
  send<M extends Message>(message: M): Promise<Reply<M>>;
}

/** Opens one of the extension's pages in `page`, in either browser. */
export async function gotoExtension(session: BrowserSession, page: Page, file: string): Promise<void> {
  const url = `${session.origin}/${file}`;
  if (session.kind === 'firefox') await gotoExtensionPage(page, url);
  else await page.goto(url);
}

/** The extension's popup opened as an ordinary tab: a trusted sender for vault messages. */
export async function openExtensionPage(session: BrowserSession): Promise<ExtensionPage> {
  const page = await session.browser.newPage();
  await gotoExtension(session, page, 'popup.html');
  return {
    page,
    send: (message) =>
      page.evaluate(
        (m) => ((globalThis as { browser?: typeof chrome }).browser ?? chrome).runtime.sendMessage(m),
        message as never,
      ) as never,
  };
}

/**
 * A browser with the extension (Chromium unless `launch` says otherwise) and an extension page to
 * talk to it, the vault created with `password` and empty.
 */
export async function launchWithVault<S extends BrowserSession = ExtensionSession>(
  password: string,
  launch: () => Promise<S> = launchWithExtension as () => Promise<S>,
): Promise<{ session: S; ext: ExtensionPage }> {
  const session = await launch();
  try {
    const ext = await openExtensionPage(session);
    expect(await ext.send({ type: 'vault-create', password })).toEqual({ ok: true });
    return { session, ext };
  } catch (error) {
    await session.close();
    throw error;
  }
}

/** What a test file starts once for all its tests: a browser with the extension, maybe a portal. */
export interface StartedForFile {
  session: BrowserSession;
  portal?: { close(): Promise<void> };
}

/**
 * Runs `start` before the file's tests, then `prepare` on what it started, and closes the browser
 * and the portal after the tests. The returned object is filled in before the first test, so the
 * tests read it and the file's top level cannot.
 */
export function startForFile<T extends StartedForFile>(
  start: () => Promise<T>,
  prepare?: (started: T) => Promise<unknown>,
): T {
  const started = {} as T;
  beforeAll(async () => {
    Object.assign(started, await start());
    await prepare?.(started);
  });
  afterAll(async () => {
    await started.session?.close();
    await started.portal?.close();
  });
  return started;
}

/** Drops every cookie of the browser: signed out of every portal. */
export async function signOut(session: BrowserSession): Promise<void> {
  await session.browser.deleteCookie(...(await session.browser.cookies()));
}

/** Every test of the file starts signed out (`started` as `startForFile` gave it). */
export function signedOutEachTest(started: { session: BrowserSession }): void {
  beforeEach(() => signOut(started.session));
}

/** Adds an authenticator account to the vault, bound to `origin`; returns its id. */
export async function addAccount(ext: ExtensionPage, uri: string, origin: string): Promise<string> {
  const added = await ext.send({ type: 'account-add', uri, origins: [origin] });
  if (!added.ok) throw new Error(added.message);
  return added.id;
}

/** The tab id of `page`, as the extension sees it. */
export async function tabIdOf(ext: ExtensionPage, page: Page): Promise<number> {
  const url = page.url();
  const tabs = await ext.page.evaluate(() =>
    ((globalThis as { browser?: typeof chrome }).browser ?? chrome).tabs.query({}),
  );
  const tab = tabs.find((t) => t.url === url);
  if (tab?.id === undefined) throw new Error(`no tab shows ${url}`);
  return tab.id;
}

/** The frames a `get-tab-state` reply lists; none when it failed. */
export function framesOf(reply: Reply<{ type: 'get-tab-state' }>): TabState[] {
  return reply.ok ? reply.frames : [];
}

/** The settings, with the policy and what it locks, as the options page gets them (`settings-get`). */
export async function settingsOf(ext: ExtensionPage) {
  const reply = await ext.send({ type: 'settings-get' });
  if (!reply.ok) throw new Error(reply.message);
  return reply;
}

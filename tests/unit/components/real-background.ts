import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { IDBFactory } from 'fake-indexeddb';
import { onTestFinished, vi, type MockInstance } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Send } from '@/components/shared/platform';
import { createAccount, type AccountInput } from '@/lib/account';
import { qrMatrix } from '@/lib/export/qr-matrix';
import { type Catalog, formatMessage } from '@/lib/i18n';
import { parseOtpauthUri } from '@/lib/otp';
import type { AccountSummary, Message, MessageOf, MessageType, ReplyOf, TabState, VaultState } from '@/lib/protocol';
import type { UserSettings } from '@/lib/settings';
import type { StoredAccount } from '@/lib/vault';
import { mockTestKdfCost, TEST_KDF } from '../vault/helpers';

/** The master password of the vaults `withAccounts` makes. */
export const TEST_PASSWORD = 'test password';

type Dispatch = typeof import('@/entrypoints/background/dispatch').dispatch;
type Keeper = typeof import('@/entrypoints/background/vault-keeper');
type Sender = Parameters<Dispatch>[1];

const ENGLISH = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Catalog;

/** What an extension page's messages look like to the background (entrypoints/background/senders.ts). */
export function extensionPageSender(page = '/popup.html'): Sender {
  return { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL(page as '/') };
}

/** Chrome's messaging carries JSON: what the page sends and what it gets back are copies. */
const overTheWire = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

/**
 * The real background (entrypoints/background/dispatch.ts and its handlers) over WXT's fake browser
 * and a fresh fake IndexedDB, for the UI's tests: `send` is what a popup or options page gets.
 */
export interface RealBackground {
  readonly send: Send;
  /** What the UI sent through `send`, in order (the helpers below are not recorded). */
  readonly sent: Message[];
  sentOf<T extends MessageType>(type: T): MessageOf<T>[];
  /**
   * The next `type` message the UI sends is not handled: it gets `reply` instead (`undefined`: no
   * answer at all). For failures the real background cannot be brought to; use rarely.
   */
  failNext<T extends MessageType>(type: T, reply: ReplyOf<T> | undefined): void;
  /** A message from the extension's page, unrecorded, for a test's own setup and checks. */
  call<T extends MessageType>(message: MessageOf<T>): Promise<ReplyOf<T>>;
  /** The background's clock follows `now` (e.g. the popup's ManualTimers) at every message. */
  useClock(now: () => number): void;
  /** An unlocked vault (master password TEST_PASSWORD) holding these accounts; their ids in order. */
  withAccounts(...entries: { uri: string; origins?: string[] }[]): Promise<string[]>;
  /** Saves `codes` for the account, the first `used` of them taken (as a fill takes them). */
  withRecoveryCodes(accountId: string, codes: string[], used?: number): Promise<void>;
  /** The user's settings changed through the real `settings-set`. */
  withSettings(patch: Partial<UserSettings>): Promise<void>;
  /**
   * A tab showing `url`, whose frames' content scripts reported these states through the real
   * `page-state`, and whose page shows QR codes of `qrCodes` (what `scan-tab`'s script reads). Its id.
   */
  withPage(url: string, frames: Pick<TabState, 'frameId' | 'state'>[], page?: { qrCodes?: string[] }): Promise<number>;
  /** Locks as the auto-lock alarm does, without a message from the UI. */
  lock(): Promise<void>;
  /**
   * The service worker stopped and started again, as Chromium stops it after 30 s idle: the
   * background's modules start afresh over the same storage and database.
   */
  restart(): Promise<void>;
  /** The administrator's policy changes to `policy` while the browser runs (as storage.managed tells). */
  setPolicy(policy: Record<string, unknown>): Promise<void>;
  /** What the vault holds now, secrets included (throws when locked). */
  accounts(): Promise<StoredAccount[]>;
  /** The accounts as an extension page sees them (`accounts-list`). */
  summaries(): Promise<AccountSummary[]>;
  state(): Promise<VaultState>;
  settings(): Promise<UserSettings>;
  /** Whether `password` opens the vault now. */
  opensWith(password: string): Promise<boolean>;
  /** A message from the content script of `frameId` in `tabId` (a tab from `withPage`), as the browser delivers it. */
  fromPage<T extends MessageType>(tabId: number, frameId: number, message: MessageOf<T>): Promise<ReplyOf<T> | null>;
  /** The content script's answer to the background's messages (tabs.sendMessage). */
  readonly contentScript: MockInstance;
}

/** A QR code of `text` as a page's image: 4 px a module, a quiet zone of 4, RGBA as base64. */
function qrPixels(text: string): { width: number; height: number; data: string } {
  const { size, dark } = qrMatrix(text);
  const scale = 4;
  const width = (size + 8) * scale;
  const pixels = new Uint8Array(width * width * 4).fill(255);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      const row = Math.floor(y / scale) - 4;
      const column = Math.floor(x / scale) - 4;
      if (dark[row]?.[column]) pixels.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    }
  }
  return { width, height: width, data: Buffer.from(pixels).toString('base64') };
}

/** Chromium's id of the document a frame shows (one document a frame here: nothing navigates). */
const documentOf = (tabId: number, frameId: number) => `document-${tabId}-${frameId}`;

/**
 * What a script the background injects returns in a frame showing `url`: scan-tab's pixel collector
 * gets the page's QR images; any other script runs against the frame's `location` alone.
 */
function runInFrame(func: () => unknown, url: string, images: ReturnType<typeof qrPixels>[]): unknown {
  if (func.name === 'collectPagePixels') return structuredClone(images);
  return runInNewContext(`(${func.toString()})()`, { location: new URL(url) });
}

const promised = <F>(implementation: unknown) => implementation as F;

/**
 * A fresh background for this test: module state reset, a new database, the fake browser reset and
 * given what it lacks. `policy` is what an administrator put in managed storage. Torn down when the
 * test finishes.
 */
export async function realBackground(options: { policy?: Record<string, unknown> } = {}): Promise<RealBackground> {
  fakeBrowser.reset();
  vi.resetModules();
  globalThis.indexedDB = new IDBFactory();
  mockTestKdfCost();
  if (options.policy) await fakeBrowser.storage.managed.set(options.policy);

  // What WXT's fake browser does not implement, as the browser would answer.
  const spies: MockInstance[] = [
    vi
      .spyOn(fakeBrowser.permissions, 'getAll')
      .mockImplementation(promised<typeof fakeBrowser.permissions.getAll>(async () => ({ origins: [] }))),
    vi
      .spyOn(fakeBrowser.i18n, 'getMessage')
      .mockImplementation((key: string, substitutions?: string | (string | number)[]) => {
        const entry = ENGLISH[key];
        return entry ? formatMessage(entry, [substitutions ?? []].flat().map(String)) : '';
      }),
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en'),
    vi.spyOn(fakeBrowser.idle, 'setDetectionInterval').mockImplementation(() => undefined),
    vi
      .spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts')
      .mockImplementation(promised<typeof fakeBrowser.scripting.getRegisteredContentScripts>(async () => [])),
    vi.spyOn(fakeBrowser.contextMenus, 'removeAll').mockImplementation(promised(async () => undefined)),
    vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation(() => 0),
  ];
  // Scripts the background runs in a tab's frames (chrome.scripting), over the pages `withPage` opened.
  const pages = new Map<number, { url: string; frameIds: number[]; images: ReturnType<typeof qrPixels>[] }>();
  spies.push(
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation(
      promised<typeof fakeBrowser.scripting.executeScript>(
        async ({
          target,
          func,
        }: {
          target: { tabId: number; frameIds?: number[]; allFrames?: boolean };
          func: () => unknown;
        }) => {
          const page = pages.get(target.tabId);
          if (!page) throw new Error('Cannot access contents of the page.');
          const frameIds = target.allFrames
            ? page.frameIds
            : (target.frameIds ?? [0]).filter((id) => page.frameIds.includes(id));
          return frameIds.map((frameId) => ({
            frameId,
            documentId: documentOf(target.tabId, frameId),
            result: runInFrame(func, page.url, page.images),
          }));
        },
      ),
    ),
  );
  const contentScript = vi
    .spyOn(fakeBrowser.tabs, 'sendMessage')
    .mockImplementation(promised<typeof fakeBrowser.tabs.sendMessage>(async () => ({ filled: true })));
  spies.push(contentScript);
  // The extension's own files (the language catalogs); no network otherwise (the portal's clock).
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string | URL) => {
      const url = String(input);
      const own = fakeBrowser.runtime.getURL('/');
      if (url.startsWith(own)) return new Response(readFileSync(`public/${url.slice(own.length)}`));
      throw new TypeError('no network in unit tests');
    }),
  );

  let dispatch: Awaited<typeof import('@/entrypoints/background/dispatch')>['dispatch'];
  let keeper: Keeper;
  const start = async () => {
    ({ dispatch } = await import('@/entrypoints/background/dispatch'));
    keeper = await import('@/entrypoints/background/vault-keeper');
    // As the background starts: a lock clears a code it was to clear later (and its timer).
    (await import('@/entrypoints/background/clipboard')).watchClipboard(keeper.onLocked);
    (await import('@/entrypoints/background/policy-source')).watchPolicy(() => undefined);
  };
  await start();
  const vault = await import('@/lib/vault');

  let clock: (() => number) | null = null;
  let alive = true;
  const sender = extensionPageSender();
  const sent: Message[] = [];
  const failures = new Map<MessageType, unknown>();

  const deliver = async (message: unknown, from: Sender = sender): Promise<unknown> => {
    if (!alive) return undefined; // The background is gone: nobody answers.
    if (clock) vi.setSystemTime(clock());
    return overTheWire(await dispatch(overTheWire(message), from));
  };

  const send: Send = async (message) => {
    sent.push(message as Message);
    if (failures.has(message.type)) {
      const reply = failures.get(message.type);
      failures.delete(message.type);
      return reply as never;
    }
    return ((await deliver(message)) ?? undefined) as never;
  };

  const call = async <T extends MessageType>(message: MessageOf<T>): Promise<ReplyOf<T>> => {
    const reply = (await deliver(message)) as ReplyOf<T> | null | undefined;
    if (!reply) throw new Error(`The background did not answer ${message.type}`);
    return reply;
  };
  const expectOk = async <T extends MessageType>(message: MessageOf<T>): Promise<Extract<ReplyOf<T>, { ok: true }>> => {
    const reply = await call(message);
    if (!(reply as { ok: boolean }).ok) throw new Error(`${message.type} failed: ${JSON.stringify(reply)}`);
    return reply as Extract<ReplyOf<T>, { ok: true }>;
  };

  const session = async () => {
    const open = await keeper.currentSession();
    if (!open) throw new Error('The vault is locked');
    return open;
  };

  onTestFinished(async () => {
    // Locking as the browser closing would: the clipboard's pending clear goes with it.
    await keeper.lock().catch(() => undefined);
    alive = false;
    for (const spy of spies) spy.mockRestore();
    vi.unstubAllGlobals();
    vi.doUnmock('@/lib/crypto/kdf-policy');
    if (clock) vi.useRealTimers();
  });

  const background: RealBackground = {
    send,
    sent,
    sentOf: <T extends MessageType>(type: T) => sent.filter((m) => m.type === type) as MessageOf<T>[],
    failNext(type, reply) {
      failures.set(type, reply);
    },
    call,
    useClock(now) {
      if (!clock) vi.useFakeTimers({ toFake: ['Date'] });
      clock = now;
      vi.setSystemTime(now());
    },
    async withAccounts(...entries) {
      if ((await keeper.vaultState()) === 'empty') {
        // Created at test cost through lib/vault, then opened by the real `vault-unlock`.
        await vault.createVault(await keeper.vaultDb(), TEST_PASSWORD, TEST_KDF);
        await expectOk({ type: 'vault-unlock', password: TEST_PASSWORD });
      }
      if (entries.length === 0) return [];
      // As `account-add` makes them, all in one write (a list of hundreds stays quick).
      const inputs: AccountInput[] = entries.map(({ uri, origins = [] }) =>
        createAccount({ ...parseOtpauthUri(uri), origins }),
      );
      return (await session()).addAccounts(inputs);
    },
    async withRecoveryCodes(accountId, codes, used = 0) {
      const open = await session();
      await open.setRecoveryCodes(accountId, codes);
      for (let i = 0; i < used; i++) await open.takeRecoveryCode(accountId);
    },
    async withSettings(patch) {
      await expectOk({ type: 'settings-set', patch });
    },
    async withPage(url, frames, page = {}) {
      const tab = await fakeBrowser.tabs.create({ url });
      const frameIds = [...new Set([0, ...frames.map((f) => f.frameId)])];
      pages.set(tab.id!, { url, frameIds, images: (page.qrCodes ?? []).map(qrPixels) });
      for (const { frameId, state } of frames) {
        const frame: Sender = {
          id: fakeBrowser.runtime.id,
          tab,
          url,
          frameId,
          documentId: documentOf(tab.id!, frameId),
        };
        const reply = (await deliver({ type: 'page-state', state }, frame)) as { ok?: boolean } | null;
        if (!reply?.ok) throw new Error(`page-state refused: ${JSON.stringify(reply)}`);
      }
      return tab.id!;
    },
    lock: () => keeper.lock(),
    async restart() {
      vi.resetModules();
      await start();
    },
    async setPolicy(policy) {
      await fakeBrowser.storage.managed.clear();
      await fakeBrowser.storage.managed.set(policy);
    },
    accounts: async () => (await (await session()).listAccounts()).accounts,
    summaries: async () => (await expectOk({ type: 'accounts-list' })).accounts,
    state: async () => (await expectOk({ type: 'vault-status' })).state,
    settings: async () => (await expectOk({ type: 'settings-get' })).settings,
    async opensWith(password) {
      try {
        (await vault.unlockVault(await keeper.vaultDb(), password)).fill(0);
        return true;
      } catch {
        return false;
      }
    },
    async fromPage(tabId, frameId, message) {
      const tab = await fakeBrowser.tabs.get(tabId);
      const frame: Sender = {
        id: fakeBrowser.runtime.id,
        tab,
        url: pages.get(tabId)!.url,
        frameId,
        documentId: documentOf(tabId, frameId),
      };
      return (await deliver(message, frame)) as never;
    },
    contentScript,
  };
  return background;
}

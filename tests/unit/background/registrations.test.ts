import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CLOUD_MATCH_PATTERNS } from '@/lib/bitrix';

type Script = Browser.scripting.RegisteredContentScript;
type MenuItem = Browser.contextMenus.CreateProperties;

const SCRIPT_ID = 'bitrix-self-hosted';
const PORTAL_A = 'https://a.portal.example/*';
const PORTAL_B = 'https://b.portal.example/*';

/** Chrome answers extension API calls in the order they were made, each on a later task. */
function later<T>(work: () => T): Promise<T> {
  return new Promise((resolve, reject) =>
    setTimeout(() => {
      try {
        resolve(work());
      } catch (error) {
        reject(error);
      }
    }),
  );
}

/** Every call made so far has been answered (`contextMenus.create` is not awaited, as in Chrome). */
const answered = () => later(() => undefined);

/** `chrome.scripting`'s registered content scripts, refusing what Chrome refuses. */
function fakeScripting() {
  const registered = new Map<string, Script>();
  /** The calls in the order they were answered. */
  const calls: string[] = [];
  let asked!: () => void;
  /** Resolves once a run has asked (not yet heard) which scripts are registered: that run is under way. */
  const runStarted = new Promise<void>((resolve) => {
    asked = resolve;
  });
  const api = {
    getRegisteredContentScripts: (filter?: { ids?: string[] }) => {
      asked();
      return later(() => {
        calls.push('get');
        return [...registered.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id)).map((s) => ({ ...s }));
      });
    },
    registerContentScripts: (scripts: Script[]) =>
      later(() => {
        calls.push('register');
        for (const s of scripts) if (registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        for (const s of scripts) registered.set(s.id, { ...s });
      }),
    updateContentScripts: (scripts: Script[]) =>
      later(() => {
        calls.push('update');
        for (const s of scripts) if (!registered.has(s.id)) throw new Error(`Nonexistent script ID '${s.id}'`);
        for (const s of scripts) registered.set(s.id, { ...registered.get(s.id), ...s });
      }),
    unregisterContentScripts: (filter?: { ids?: string[] }) =>
      later(() => {
        calls.push('unregister');
        const ids = filter?.ids ?? [...registered.keys()];
        for (const id of ids) if (!registered.has(id)) throw new Error(`Nonexistent script ID '${id}'`);
        for (const id of ids) registered.delete(id);
      }),
  };
  for (const [name, impl] of Object.entries(api)) {
    vi.spyOn(fakeBrowser.scripting, name as keyof typeof api).mockImplementation(impl as never);
  }
  return { registered, calls, runStarted };
}

/** `chrome.contextMenus`: a duplicate id is an error Chrome reports (runtime.lastError), not a throw. */
function fakeContextMenus() {
  const items = new Map<string | number, MenuItem>();
  const errors: string[] = [];
  vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation(((props: MenuItem, callback?: () => void) => {
    const id = props.id ?? items.size;
    void later(() => {
      if (items.has(id)) errors.push(`Cannot create item with duplicate id ${id}`);
      else items.set(id, props);
      callback?.();
    });
    return id;
  }) as never);
  vi.spyOn(fakeBrowser.contextMenus, 'removeAll').mockImplementation((() => later(() => items.clear())) as never);
  return { items, errors };
}

/** The host permissions the user or administrator granted: change it between calls. */
let granted: string[] = [];

/** A fresh background (language, policy and the runner are module state) over a fresh database. */
async function freshRegistrations() {
  vi.resetModules();
  globalThis.indexedDB = new IDBFactory();
  return import('@/entrypoints/background/registrations');
}

let scripting: ReturnType<typeof fakeScripting>;
let menus: ReturnType<typeof fakeContextMenus>;
let getAll: ReturnType<typeof vi.fn>;

beforeEach(() => {
  fakeBrowser.reset();
  granted = [PORTAL_A];
  scripting = fakeScripting();
  menus = fakeContextMenus();
  // Overloaded with callback forms, so the promise form is spelled out.
  getAll = vi.fn(async () => ({ origins: [...granted], permissions: [] }));
  vi.spyOn(fakeBrowser.permissions, 'getAll').mockImplementation(getAll as typeof fakeBrowser.permissions.getAll);
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => key);
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Each menu item's self-hosted portals (it is on the cloud ones always). */
const menuPatterns = () =>
  [...menus.items.values()].map((item) => item.documentUrlPatterns?.filter((p) => !CLOUD_MATCH_PATTERNS.includes(p)));

describe('syncRegistrations: the content script and the context menu, one run at a time', () => {
  it('registers the self-hosted content script and the two menu items', async () => {
    const { syncRegistrations } = await freshRegistrations();
    await syncRegistrations();
    await answered();
    expect([...scripting.registered.values()]).toEqual([
      expect.objectContaining({ id: SCRIPT_ID, matches: [PORTAL_A], js: ['content-scripts/bitrix.js'] }),
    ]);
    expect([...menus.items.keys()]).toEqual(['fill-otp', 'fill-recovery']);
    expect(menus.errors).toEqual([]);
  });

  it('overlapping calls register the script once and create each menu item once', async () => {
    const { syncRegistrations } = await freshRegistrations();
    // The events that call it (install, start-up, permissions, policy, settings) come in bursts.
    const results = await Promise.allSettled([syncRegistrations(), syncRegistrations()]);
    await answered();
    expect({
      outcomes: results.map((r) => (r.status === 'rejected' ? String(r.reason) : r.status)),
      scripts: [...scripting.registered.keys()],
      menuErrors: menus.errors,
      menuItems: [...menus.items.keys()],
    }).toEqual({
      outcomes: ['fulfilled', 'fulfilled'],
      scripts: [SCRIPT_ID],
      menuErrors: [],
      menuItems: ['fill-otp', 'fill-recovery'],
    });
  });

  it('overlapping calls on cloud portals only create each menu item once', async () => {
    granted = [];
    const { syncRegistrations } = await freshRegistrations();
    await Promise.all([syncRegistrations(), syncRegistrations(), syncRegistrations()]);
    await answered();
    expect({ menuErrors: menus.errors, menuItems: [...menus.items.keys()] }).toEqual({
      menuErrors: [],
      menuItems: ['fill-otp', 'fill-recovery'],
    });
    expect(scripting.registered.size).toBe(0);
  });

  it('a call while a run is under way runs once more after it', async () => {
    const { syncRegistrations } = await freshRegistrations();
    const first = syncRegistrations();
    await scripting.runStarted;
    granted = [PORTAL_B];
    await Promise.all([first, syncRegistrations()]);
    await answered();
    expect(menus.errors).toEqual([]);
    expect(scripting.calls).toEqual(['get', 'register', 'get', 'update']);
    expect(scripting.registered.get(SCRIPT_ID)?.matches).toEqual([PORTAL_B]);
    expect(menuPatterns()).toEqual([[PORTAL_B], [PORTAL_B]]);
  });

  it('many calls during a run make exactly one more run, which reads the latest state', async () => {
    const { syncRegistrations } = await freshRegistrations();
    const first = syncRegistrations();
    await scripting.runStarted;
    const during: Promise<void>[] = [];
    granted = [PORTAL_B];
    during.push(syncRegistrations(), syncRegistrations());
    granted = [];
    during.push(syncRegistrations(), syncRegistrations(), syncRegistrations());
    await Promise.all([first, ...during]);
    await answered();
    // One run for the first call, one for the five during it: permissions read twice.
    expect(getAll).toHaveBeenCalledTimes(2);
    expect(scripting.calls).toEqual(['get', 'register', 'get', 'unregister']);
    expect(scripting.registered.size).toBe(0);
    expect(menus.errors).toEqual([]);
    expect(menuPatterns()).toEqual([[], []]);
  });

  it('a failed run neither rejects nor stops the next run', async () => {
    const { syncRegistrations } = await freshRegistrations();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.mocked(fakeBrowser.scripting.registerContentScripts).mockImplementationOnce((() =>
      later(() => {
        throw new Error('Invalid value for content script 0');
      })) as never);
    const failing = syncRegistrations();
    await scripting.runStarted;
    const next = syncRegistrations();
    await expect(failing).resolves.toBeUndefined();
    await expect(next).resolves.toBeUndefined();
    await answered();
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0])).toContain('Invalid value for content script 0');
    expect([...scripting.registered.keys()]).toEqual([SCRIPT_ID]);
    expect([...menus.items.keys()]).toEqual(['fill-otp', 'fill-recovery']);
    // Idle again: a later call runs afresh.
    granted = [];
    await syncRegistrations();
    expect(scripting.registered.size).toBe(0);
  });
});

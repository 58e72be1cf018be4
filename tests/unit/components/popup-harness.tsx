import { vi } from 'vitest';
import { render } from '@testing-library/preact';
import { loadPopupState } from '@/components/popup/load-state';
import { PopupApp } from '@/components/popup/PopupApp';
import type { PopupPlatform } from '@/components/popup/popup-platform';
import type { Message, Send, TabState } from '@/lib/protocol';
import { FakeAuthenticator } from './fake-passkeys';
import type { RealBackground } from './real-background';
import { ManualTimers } from './setup';

export interface PopupOptions {
  /** What the active tab's frames reported to the background (through `page-state`). */
  frames?: TabState[];
  /** The active tab's origin as the browser tells the popup. */
  origin?: string | null;
  /** What the page's content script sent once the frames had reported, before the popup opened. */
  pageSaid?: Message[];
  /** The authenticator behind the browser's passkey prompt (default: one with no passkeys). */
  passkeys?: FakeAuthenticator;
  /** What stands between the popup and the background (default: nothing), e.g. to hold a reply back. */
  send?: (send: Send) => Send;
}

/** The address of the active tab: a sign-in page of the frames' portal. */
const pageUrl = (frames: TabState[], origin: string | null) => `${origin ?? frames[0]!.origin}/auth/`;

export async function platformFor(background: RealBackground, timers: ManualTimers, options: PopupOptions = {}) {
  const clipboard = {
    text: '',
    write: vi.fn(async (text: string) => {
      clipboard.text = text;
    }),
  };
  const frames = options.frames ?? [];
  // A tab the background knows only when its content script reported (or, with just an origin, a page
  // whose content script said nothing); otherwise a page it never saw.
  const tabId =
    frames.length > 0 || options.origin
      ? await background.withPage(pageUrl(frames, options.origin ?? null), frames)
      : 7;
  for (const message of options.pageSaid ?? []) await background.fromPage(tabId, 0, message);
  const platform: PopupPlatform = {
    send: options.send ? options.send(background.send) : background.send,
    activeTab: { id: tabId, origin: options.origin ?? null },
    // As entrypoints/popup does: the background's record of the tab.
    tabState: {
      load: async () => {
        const reply = await background.send({ type: 'get-tab-state', tabId });
        return reply?.ok ? reply.frames : [];
      },
      subscribe: () => () => undefined,
    },
    clipboard,
    openOptions: vi.fn(),
    keepStorage: vi.fn(async () => 'persisted' as const),
    passkeys: options.passkeys ?? new FakeAuthenticator(),
    readQrImage: vi.fn(async () => []),
    now: timers.now,
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
  };
  return { platform, clipboard, tabId };
}

/** The popup as the browser would open it, over the real background and a tab that shows `frames`. */
export async function renderPopup(background: RealBackground, timers = new ManualTimers(), options: PopupOptions = {}) {
  background.useClock(timers.now);
  const { platform, clipboard, tabId } = await platformFor(background, timers, options);
  const initial = await loadPopupState(background.send, tabId);
  render(<PopupApp platform={platform} initial={initial} />);
  return { platform, clipboard, timers, tabId };
}

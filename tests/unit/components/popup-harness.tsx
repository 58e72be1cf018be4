import { vi } from 'vitest';
import { render } from '@testing-library/preact';
import { loadPopupState } from '@/components/popup/load-state';
import { PopupApp } from '@/components/popup/PopupApp';
import type { PopupPlatform } from '@/components/popup/popup-platform';
import type { TabState } from '@/lib/protocol';
import type { FakeBackground } from './fake-background';
import { ManualTimers } from './setup';

export function platformFor(
  background: FakeBackground,
  timers: ManualTimers,
  options: { frames?: TabState[]; origin?: string | null } = {},
) {
  const clipboard = {
    text: '',
    write: vi.fn(async (text: string) => {
      clipboard.text = text;
    }),
  };
  const platform: PopupPlatform = {
    send: background.send,
    activeTab: { id: 7, origin: options.origin ?? null },
    tabState: { load: async () => options.frames ?? [], subscribe: () => () => undefined },
    clipboard,
    openOptions: vi.fn(),
    readQrImage: vi.fn(async () => []),
    now: timers.now,
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
  };
  return { platform, clipboard };
}

/** The popup as the browser would open it, over a fake background and a tab that shows `frames`. */
export async function renderPopup(
  background: FakeBackground,
  timers = new ManualTimers(),
  options: Parameters<typeof platformFor>[2] = {},
) {
  background.now = timers.now;
  const { platform, clipboard } = platformFor(background, timers, options);
  const initial = await loadPopupState(background.send);
  render(<PopupApp platform={platform} initial={initial} />);
  return { platform, clipboard, timers };
}

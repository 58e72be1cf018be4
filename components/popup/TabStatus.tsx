import { useEffect, useState } from 'preact/hooks';
import type { PageState } from '@/lib/bitrix/page-state';
import type { TabState } from '@/lib/protocol';
import { t, type MessageKey } from '@/lib/i18n';
import type { TabStateSource } from './popup-platform';

const STATE_MESSAGES: Record<Exclude<PageState, 'none'>, MessageKey> = {
  password: 'tabStatePassword',
  otp: 'tabStateOtp',
  recovery: 'tabStateRecovery',
  push: 'tabStatePush',
  'phone-code': 'tabStatePhoneCode',
  enrol: 'tabStateEnrol',
  'recovery-codes': 'tabStateRecoveryCodes',
  'signed-in': 'tabStateSignedIn',
};

export function describeTab(frames: TabState[] | null): { state: PageState | 'loading'; text: string } {
  if (frames === null) return { state: 'loading', text: t('tabStateLoading') };
  const [first] = frames;
  if (!first || first.state === 'none') return { state: 'none', text: t('tabStateNone') };
  return { state: first.state, text: t(STATE_MESSAGES[first.state], new URL(first.origin).host) };
}

/** The frames of the active tab that the extension recognised, kept live while the popup is open. */
export function useTabFrames(source: TabStateSource): TabState[] | null {
  const [frames, setFrames] = useState<TabState[] | null>(null);
  useEffect(() => {
    // Reads overlap when reports come in quick succession, and may answer out of order: only the
    // latest is shown, or an answer from before the page reported would undo the report.
    let latest = 0;
    const refresh = () => {
      const asked = ++latest;
      const show = (shown: TabState[]) => asked === latest && setFrames(shown);
      return source.load().then(show, () => show([]));
    };
    void refresh();
    return source.subscribe(refresh);
  }, [source]);
  return frames;
}

/** What the extension recognised in the active tab. */
export function TabStatus({ frames }: { frames: TabState[] | null }) {
  const { state, text } = describeTab(frames);
  return (
    <p class="tab-status" role="status" data-page-state={state}>
      {text}
    </p>
  );
}

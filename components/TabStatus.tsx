import { useEffect, useState } from 'preact/hooks';
import type { PageState } from '@/lib/bitrix';
import type { TabState } from '@/lib/messages';
import { t, type MessageKey } from '@/lib/i18n';

const STATE_MESSAGES: Record<Exclude<PageState, 'none'>, MessageKey> = {
  password: 'tabStatePassword',
  otp: 'tabStateOtp',
  recovery: 'tabStateRecovery',
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

/** What the extension recognised in the active tab. */
export function TabStatus({ load }: { load: () => Promise<TabState[]> }) {
  const [frames, setFrames] = useState<TabState[] | null>(null);
  useEffect(() => {
    load().then(setFrames, () => setFrames([]));
  }, [load]);
  const { state, text } = describeTab(frames);
  return (
    <p class="tab-status" role="status" data-page-state={state}>
      {text}
    </p>
  );
}
